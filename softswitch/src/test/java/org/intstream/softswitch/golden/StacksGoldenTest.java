package org.intstream.softswitch.golden;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * stacks.p4 against real BMv2 (golden/stacks.json): a header stack filled by a parser loop (with
 * StackOutOfBounds and PacketTooShort), push_front/pop_front, elements read and written by a run-time
 * index, and a header union whose members replace each other, over 60 frames.
 */
class StacksGoldenTest {

    @Test
    void stacksAndUnionsMatchBmv2() throws Exception {
        assertThat(GoldenVectors.checkOutputs("stacks")).isEqualTo(60);
    }
}
