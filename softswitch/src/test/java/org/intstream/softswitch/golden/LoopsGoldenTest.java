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
 * loops.p4 against real BMv2 (golden/loops.json): resubmit (the packet as it arrived, metadata reset
 * but for the field list, ingress_port included), recirculation of the deparsed packet until a round
 * count, and both in turn; the final packet records what the last pass saw.
 */
class LoopsGoldenTest {

    @Test
    void everyPassMatchesBmv2() throws Exception {
        GoldenVectors golden = GoldenVectors.load("loops");
        P4Program program = GoldenVectors.program("loops");
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
        assertThat(checked).isEqualTo(5);
    }
}
