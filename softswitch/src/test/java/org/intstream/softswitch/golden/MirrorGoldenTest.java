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
 * mirror.p4 against real BMv2 (golden/mirror.json): egress-to-egress clones through a two-replica
 * session (metadata reset but for the field list, instance type 2, replica ids, the packet length after
 * add_header), truncate and exit in egress, multicast replica ids, and drops in egress.
 */
class MirrorGoldenTest {

    @Test
    void everyCopyMatchesBmv2() throws Exception {
        GoldenVectors golden = GoldenVectors.load("mirror");
        P4Program program = GoldenVectors.program("mirror");
        ReplicationEngine pre = new ReplicationEngine();
        golden.install(program, pre);
        SwitchCore sw = new SwitchCore(program, pre);
        long ts = 1_700_000_000_000_000L;
        int copies = 0;
        for (JsonNode v : golden.doc.get("vectors")) {
            byte[] frame = GoldenVectors.bytes(v.get("data").asText());
            List<String> got = new ArrayList<>();
            for (OutputPacket o : sw.process(v.get("port").asInt(), frame, 0, frame.length, ts)) {
                got.add(o.port() + " " + HexFormat.of().formatHex(o.data()));
            }
            List<String> want = new ArrayList<>();
            for (JsonNode o : v.get("outputs")) {
                want.add(o.get("port").asInt() + " " + o.get("data").asText());
            }
            assertThat(got).as(v.get("name").asText()).containsExactlyInAnyOrderElementsOf(want);
            copies += want.size();
            ts += 1000;
        }
        assertThat(copies).isEqualTo(12);
    }
}
