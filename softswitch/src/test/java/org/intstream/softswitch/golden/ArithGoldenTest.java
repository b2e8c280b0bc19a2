package org.intstream.softswitch.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.intstream.softswitch.engine.OutputPacket;
import org.intstream.softswitch.engine.SwitchCore;
import org.intstream.softswitch.extern.CounterArray;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.tm.ReplicationEngine;
import org.junit.jupiter.api.Test;

/**
 * arith.p4 on the soft switch against real BMv2 (golden/arith.json): crc32, crc16, csum16 and identity
 * hashes, 64- and 128-bit arithmetic, saturation, signed comparison, register histories and the counter
 * array read over P4Runtime, all byte for byte. Only the timestamp field differs by design: BMv2 writes
 * its own clock, the soft switch the packet's timestamp (microseconds since the Unix epoch, reduced to the
 * field's 48 bits).
 */
class ArithGoldenTest {
    /** Offset of results.ts in the frame: 14 bytes of Ethernet, then 90 bytes of results before it. */
    private static final int TS_OFFSET = 14 + 90;

    @Test
    void everyVectorAndTheCounterMatchBmv2() throws Exception {
        GoldenVectors golden = GoldenVectors.load("arith");
        P4Program program = GoldenVectors.program("arith");
        ReplicationEngine pre = new ReplicationEngine();
        golden.install(program, pre);
        SwitchCore sw = new SwitchCore(program, pre);

        long ts = 1_700_000_000_000_000L;
        int checked = 0;
        for (JsonNode v : golden.doc.get("vectors")) {
            byte[] frame = GoldenVectors.bytes(v.get("data").asText());
            List<OutputPacket> out = sw.process(v.get("port").asInt(), frame, 0, frame.length, ts);
            JsonNode expected = v.get("outputs");
            assertThat(out).as(v.get("name").asText()).hasSize(expected.size());
            for (int i = 0; i < out.size(); i++) {
                byte[] got = out.get(i).data();
                byte[] want = GoldenVectors.bytes(expected.get(i).get("data").asText());
                assertThat(out.get(i).port()).isEqualTo(expected.get(i).get("port").asInt());
                if (frame.length > TS_OFFSET + 8 && (frame[12] & 0xFF) == 0x88 && (frame[13] & 0xFF) == 0xb5) {
                    assertThat(ByteBuffer.wrap(got, TS_OFFSET, 8).getLong()).as("ts of " + v.get("name"))
                            .isEqualTo(ts & ((1L << 48) - 1));
                    Arrays.fill(got, TS_OFFSET, TS_OFFSET + 8, (byte) 0);
                    Arrays.fill(want, TS_OFFSET, TS_OFFSET + 8, (byte) 0);
                }
                assertThat(HexFormat.of().formatHex(got)).as(v.get("name").asText())
                        .isEqualTo(HexFormat.of().formatHex(want));
                checked++;
            }
            ts += 1000;
        }
        assertThat(checked).isEqualTo(41);

        CounterArray counter = program.externs().counter("ArithIngress.per_index");
        JsonNode cells = golden.doc.get("counters").get("ArithIngress.per_index");
        for (int i = 0; i < counter.size(); i++) {
            assertThat(new long[] {counter.packets(i), counter.bytes(i)}).as("per_index[" + i + "]")
                    .containsExactly(cells.get(i).get(0).asLong(), cells.get(i).get(1).asLong());
        }
    }
}
