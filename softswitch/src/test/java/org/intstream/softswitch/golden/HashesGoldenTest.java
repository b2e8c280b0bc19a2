package org.intstream.softswitch.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.List;
import org.intstream.softswitch.engine.OutputPacket;
import org.intstream.softswitch.engine.SwitchCore;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.tm.ReplicationEngine;
import org.junit.jupiter.api.Test;

/**
 * hashes.p4 against real BMv2 (golden/hashes.json): crc32, crc32_custom, crc16, crc16_custom, csum16,
 * xor16 and identity over inputs that end mid-byte, and a bounded hash with a base, for 30 inputs.
 */
class HashesGoldenTest {

    @Test
    void everyHashMatchesBmv2() throws Exception {
        GoldenVectors golden = GoldenVectors.load("hashes");
        P4Program program = GoldenVectors.program("hashes");
        SwitchCore sw = new SwitchCore(program, new ReplicationEngine());
        int checked = 0;
        for (JsonNode v : golden.doc.get("vectors")) {
            byte[] frame = GoldenVectors.bytes(v.get("data").asText());
            List<OutputPacket> out = sw.process(v.get("port").asInt(), frame, 0, frame.length, 1);
            assertThat(out).hasSize(1);
            assertThat(out.get(0).port()).isEqualTo(v.get("outputs").get(0).get("port").asInt());
            assertThat(HexFormat.of().formatHex(out.get(0).data())).as(v.get("name").asText())
                    .isEqualTo(v.get("outputs").get(0).get("data").asText());
            checked++;
        }
        assertThat(checked).isEqualTo(30);
    }
}
