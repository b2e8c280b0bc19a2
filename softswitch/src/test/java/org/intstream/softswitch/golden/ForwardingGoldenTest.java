package org.intstream.softswitch.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.intstream.softswitch.engine.OutputPacket;
import org.intstream.softswitch.engine.SwitchCore;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.runtime.HeaderCodec;
import org.intstream.softswitch.tm.ReplicationEngine;
import org.junit.jupiter.api.Test;

/**
 * forwarding.p4 on the soft switch against what real BMv2 sent for the same frames and setup
 * (golden/forwarding.json): every output frame and every packet-in (metadata and payload), byte for byte.
 */
class ForwardingGoldenTest {
    private static final int CPU_PORT = 255;

    @Test
    void everyVectorMatchesBmv2() throws Exception {
        GoldenVectors golden = GoldenVectors.load("forwarding");
        P4Program program = GoldenVectors.program("forwarding");
        ReplicationEngine pre = new ReplicationEngine();
        golden.install(program, pre);
        SwitchCore sw = new SwitchCore(program, pre);
        HeaderInfo packetOut = program.layout().header("packet_out");
        HeaderInfo packetIn = program.layout().header("packet_in");

        long ts = 1_700_000_000_000_000L;
        int checked = 0;
        for (JsonNode v : golden.doc.get("vectors")) {
            byte[] frame = GoldenVectors.bytes(v.get("data").asText());
            List<OutputPacket> out;
            if (v.get("port").isTextual()) {
                byte[] withHeader = prepend(packetOut, v.get("packet_out_metadata"), frame);
                out = sw.process(CPU_PORT, withHeader, 0, withHeader.length, ts);
            } else {
                out = sw.process(v.get("port").asInt(), frame, 0, frame.length, ts);
            }
            ts += 1000;
            List<String> frames = new ArrayList<>();
            List<String> packetIns = new ArrayList<>();
            for (OutputPacket o : out) {
                if (o.port() == CPU_PORT) {
                    packetIns.add(packetIn(packetIn, o.data()));
                } else {
                    frames.add(o.port() + " " + HexFormat.of().formatHex(o.data()));
                }
            }
            List<String> expectedFrames = new ArrayList<>();
            for (JsonNode o : v.get("outputs")) {
                expectedFrames.add(o.get("port").asInt() + " " + o.get("data").asText());
            }
            List<String> expectedIns = new ArrayList<>();
            for (JsonNode p : v.get("packet_ins")) {
                expectedIns.add("ingress_port=" + p.get("metadata").get("ingress_port").asText() + " reason="
                        + p.get("metadata").get("reason").asText() + " " + p.get("payload").asText());
            }
            assertThat(frames).as(v.get("name").asText()).containsExactlyInAnyOrderElementsOf(expectedFrames);
            assertThat(packetIns).as(v.get("name").asText()).containsExactlyInAnyOrderElementsOf(expectedIns);
            checked++;
        }
        assertThat(checked).isEqualTo(16);
    }

    /** The packet_out header with the given metadata, then the frame (what a P4Runtime server builds). */
    private static byte[] prepend(HeaderInfo header, JsonNode metadata, byte[] frame) {
        byte[] out = new byte[header.bytes() + frame.length];
        int bit = 0;
        for (FieldInfo f : header.fields()) {
            long value = metadata.has(f.name()) ? metadata.get(f.name()).asLong() : 0;
            HeaderCodec.writeBits(out, bit, f.width(), value);
            bit += f.width();
        }
        System.arraycopy(frame, 0, out, header.bytes(), frame.length);
        return out;
    }

    /** The packet-in as BMv2's P4Runtime server reports it: canonical metadata bytes, then the payload. */
    private static String packetIn(HeaderInfo header, byte[] data) {
        StringBuilder sb = new StringBuilder();
        int bit = 0;
        for (FieldInfo f : header.fields()) {
            long v = HeaderCodec.readBits(data, bit, f.width());
            bit += f.width();
            if (sb.length() > 0) {
                sb.append(' ');
            }
            String hex = Long.toHexString(v);
            sb.append(f.name()).append('=').append(hex.length() % 2 == 1 ? "0" + hex : hex);
        }
        byte[] payload = java.util.Arrays.copyOfRange(data, header.bytes(), data.length);
        return sb + " " + HexFormat.of().formatHex(payload);
    }
}
