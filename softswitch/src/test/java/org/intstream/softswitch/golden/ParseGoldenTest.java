package org.intstream.softswitch.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.intstream.softswitch.engine.OutputPacket;
import org.intstream.softswitch.engine.SwitchCore;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.tm.ReplicationEngine;
import org.junit.jupiter.api.Test;

/**
 * parse.p4 against real BMv2 (golden/parse.json): select on a lookahead, advance, a parser loop,
 * verify with a program error, PacketTooShort in extract and lookahead, checksum verification, and the
 * parser_error/checksum_error ingress sees, for ten frames.
 */
class ParseGoldenTest {

    @Test
    void parserOutcomesMatchBmv2() throws Exception {
        GoldenVectors golden = GoldenVectors.load("parse");
        P4Program program = GoldenVectors.program("parse");
        SwitchCore sw = new SwitchCore(program, new ReplicationEngine());
        int checked = 0;
        for (JsonNode v : golden.doc.get("vectors")) {
            byte[] frame = GoldenVectors.bytes(v.get("data").asText());
            List<String> got = new ArrayList<>();
            for (OutputPacket o : sw.process(v.get("port").asInt(), frame, 0, frame.length, 1)) {
                got.add(o.port() + " " + HexFormat.of().formatHex(o.data()));
            }
            List<String> want = new ArrayList<>();
            for (JsonNode o : v.get("outputs")) {
                want.add(o.get("port").asInt() + " " + o.get("data").asText());
            }
            assertThat(got).as(v.get("name").asText()).containsExactlyElementsOf(want);
            checked++;
        }
        assertThat(checked).isEqualTo(10);
    }
}
