package org.intstream.softswitch.golden;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * parse.p4 against real BMv2 (golden/parse.json): select on a lookahead, advance, a parser loop,
 * verify with a program error, PacketTooShort in extract and lookahead, checksum verification, and the
 * parser_error/checksum_error ingress sees, for ten frames.
 */
class ParseGoldenTest {

    @Test
    void parserOutcomesMatchBmv2() throws Exception {
        assertThat(GoldenVectors.checkOutputs("parse")).isEqualTo(10);
    }
}
