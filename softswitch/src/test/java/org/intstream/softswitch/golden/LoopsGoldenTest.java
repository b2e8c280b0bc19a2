package org.intstream.softswitch.golden;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * loops.p4 against real BMv2 (golden/loops.json): resubmit (the packet as it arrived, metadata reset
 * but for the field list, ingress_port included), recirculation of the deparsed packet until a round
 * count, and both in turn; the final packet records what the last pass saw.
 */
class LoopsGoldenTest {

    @Test
    void everyPassMatchesBmv2() throws Exception {
        assertThat(GoldenVectors.checkOutputs("loops")).isEqualTo(5);
    }
}
