package org.intstream.softswitch.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.softswitch.engine.OutputPacket;
import org.junit.jupiter.api.Test;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Update;

/**
 * keys.p4 against real BMv2 (golden/keys.json), entries written over P4Runtime: optional keys (ternary
 * in the BMv2 JSON, optional in P4Info), range keys, a sliced key and priorities. The entries also read
 * back exactly as written.
 */
class KeysOverP4RuntimeGoldenTest {

    @Test
    void optionalAndRangeKeysMatchAsOnBmv2() throws Exception {
        JsonNode golden;
        try (var in = getClass().getResourceAsStream("/golden/keys.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        SwitchDevice device = new SwitchDevice(1, 255);
        List<OutputPacket> out = new CopyOnWriteArrayList<>();
        device.onPortOutput(out::add);
        try (P4RuntimeServer server = P4RuntimeServer.start(device, 0); TestClient client = new TestClient(server.port(), 1)) {
            client.arbitrate(1);
            client.setPipeline("keys");
            List<Entity> written = GoldenSetup.entities(TestClient.p4info("keys"), golden.get("setup"));
            for (Entity e : written) {
                client.write(Update.Type.INSERT, e);
            }
            List<Entity> read = client.read(Entity.newBuilder().setTableEntry(P4RuntimeOuterClass.TableEntry.getDefaultInstance()).build());
            assertThat(read).containsExactlyInAnyOrderElementsOf(written);

            int checked = 0;
            for (JsonNode v : golden.get("vectors")) {
                out.clear();
                byte[] frame = HexFormat.of().parseHex(v.get("data").asText());
                device.receive(v.get("port").asInt(), frame, 0, frame.length, 1);
                List<String> got = new ArrayList<>();
                for (OutputPacket o : out) {
                    got.add(o.port() + " " + HexFormat.of().formatHex(o.data()));
                }
                List<String> want = new ArrayList<>();
                for (JsonNode o : v.get("outputs")) {
                    want.add(o.get("port").asInt() + " " + o.get("data").asText());
                }
                assertThat(got).as(v.get("name").asText()).containsExactlyElementsOf(want);
                checked++;
            }
            assertThat(checked).isEqualTo(30);
        }
    }
}
