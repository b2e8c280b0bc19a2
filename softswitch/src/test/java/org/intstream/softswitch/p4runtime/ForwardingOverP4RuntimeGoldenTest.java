package org.intstream.softswitch.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.intstream.softswitch.engine.OutputPacket;
import org.junit.jupiter.api.Test;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.StreamMessageResponse;
import p4.v1.P4RuntimeOuterClass.Update;

/**
 * The forwarding golden vectors again, but with the setup written over P4Runtime exactly as the BMv2
 * recorder wrote it, packet-outs sent on the stream channel and packet-ins received from it: the soft
 * switch's P4Runtime server must give the same frames, metadata and payloads as BMv2's.
 */
class ForwardingOverP4RuntimeGoldenTest {

    @Test
    void setupOverP4RuntimeReproducesBmv2() throws Exception {
        JsonNode golden;
        try (var in = getClass().getResourceAsStream("/golden/forwarding.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        SwitchDevice device = new SwitchDevice(1, 255);
        List<OutputPacket> portOut = new CopyOnWriteArrayList<>();
        device.onPortOutput(portOut::add);
        try (P4RuntimeServer server = P4RuntimeServer.start(device, 0);
                TestClient client = new TestClient(server.port(), 1)) {
            assertThat(client.arbitrate(1)).isZero();
            client.setPipeline("forwarding");
            P4InfoOuterClass.P4Info info = TestClient.p4info("forwarding");
            for (Entity e : GoldenSetup.entities(info, golden.get("setup"))) {
                client.write(Update.Type.INSERT, e);
            }

            P4InfoOuterClass.ControllerPacketMetadata packetIn = header(info, "packet_in");
            P4InfoOuterClass.ControllerPacketMetadata packetOut = header(info, "packet_out");
            long ts = 1_700_000_000_000_000L;
            for (JsonNode v : golden.get("vectors")) {
                portOut.clear();
                byte[] frame = HexFormat.of().parseHex(v.get("data").asText());
                if (v.get("port").isTextual()) {
                    P4RuntimeOuterClass.PacketOut.Builder po = P4RuntimeOuterClass.PacketOut.newBuilder()
                            .setPayload(ByteString.copyFrom(frame));
                    var md = v.get("packet_out_metadata").fields();
                    while (md.hasNext()) {
                        var m = md.next();
                        po.addMetadata(P4RuntimeOuterClass.PacketMetadata.newBuilder()
                                .setMetadataId(metadataId(packetOut, m.getKey()))
                                .setValue(Values.canonical(BigInteger.valueOf(m.getValue().asLong()))));
                    }
                    client.stream.onNext(P4RuntimeOuterClass.StreamMessageRequest.newBuilder().setPacket(po).build());
                    waitFor(() -> portOut.size() >= v.get("outputs").size());
                } else {
                    device.receive(v.get("port").asInt(), frame, 0, frame.length, ts);
                }
                ts += 1000;
                List<String> frames = new ArrayList<>();
                for (OutputPacket o : portOut) {
                    frames.add(o.port() + " " + HexFormat.of().formatHex(o.data()));
                }
                List<String> expected = new ArrayList<>();
                for (JsonNode o : v.get("outputs")) {
                    expected.add(o.get("port").asInt() + " " + o.get("data").asText());
                }
                assertThat(frames).as(v.get("name").asText()).containsExactlyInAnyOrderElementsOf(expected);
                for (JsonNode want : v.get("packet_ins")) {
                    StreamMessageResponse got = client.next();
                    assertThat(got.hasPacket()).as(v.get("name").asText()).isTrue();
                    assertThat(HexFormat.of().formatHex(got.getPacket().getPayload().toByteArray()))
                            .isEqualTo(want.get("payload").asText());
                    for (P4RuntimeOuterClass.PacketMetadata m : got.getPacket().getMetadataList()) {
                        String name = metadataName(packetIn, m.getMetadataId());
                        assertThat(HexFormat.of().formatHex(m.getValue().toByteArray())).as(name)
                                .isEqualTo(want.get("metadata").get(name).asText());
                    }
                    assertThat(got.getPacket().getMetadataCount()).isEqualTo(want.get("metadata").size());
                }
                assertThat(client.received.poll(20, TimeUnit.MILLISECONDS)).as(v.get("name").asText()).isNull();
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 500 && !done.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
    }

    private static P4InfoOuterClass.ControllerPacketMetadata header(P4InfoOuterClass.P4Info info, String name) {
        return info.getControllerPacketMetadataList().stream().filter(h -> h.getPreamble().getName().equals(name))
                .findFirst().orElseThrow();
    }

    private static int metadataId(P4InfoOuterClass.ControllerPacketMetadata h, String name) {
        return h.getMetadataList().stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow().getId();
    }

    private static String metadataName(P4InfoOuterClass.ControllerPacketMetadata h, int id) {
        return h.getMetadataList().stream().filter(m -> m.getId() == id).findFirst().orElseThrow().getName();
    }
}
