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
 * stacks.p4 against real BMv2 (golden/stacks.json): a header stack filled by a parser loop (with
 * StackOutOfBounds and PacketTooShort), push_front/pop_front, elements read and written by a run-time
 * index, and a header union whose members replace each other, over 60 frames.
 */
class StacksGoldenTest {

    @Test
    void stacksAndUnionsMatchBmv2() throws Exception {
        GoldenVectors golden = GoldenVectors.load("stacks");
        P4Program program = GoldenVectors.program("stacks");
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
        assertThat(checked).isEqualTo(60);
    }
}
