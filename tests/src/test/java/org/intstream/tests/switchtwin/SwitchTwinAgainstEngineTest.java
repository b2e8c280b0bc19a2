package org.intstream.tests.switchtwin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SketchEpochs;
import org.intstream.engine.switchtwin.SlotTwin;
import org.intstream.engine.switchtwin.SwitchReport;
import org.intstream.engine.switchtwin.SwitchTwin;
import org.intstream.query.QueryDefinition;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.type.IpAddress;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The switch stage of a query, run by the Java twin of the slot, against the exact engine on real captures:
 * every (window, key) the query reports is reported by the slot in that window (the slot may add keys that
 * its count-min overestimates, or, for a candidate stage, keys the hosts then reject, but misses none), and
 * the per-epoch counter reads, taken as the controller takes them (cumulative, per half, differenced when
 * the epoch moves on), never estimate a key below its exact count.
 */
class SwitchTwinAgainstEngineTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "port_scan, nmap-syn-fast.pcap, threshold=20",
        "port_scan, nmap-connect-slow.pcap, threshold=5",
        "syn_flood, hping-flood-norst.pcap, threshold=50",
        "tcp_new_conn, hping-flood-norst.pcap, threshold=40",
        "heavy_hitter, skewed-load.pcap, threshold=100000;sketch_width=1024",
        "ddos, hping-flood-spoofed.pcap, threshold=50",
        "super_spreader, nmap-range.pcap, threshold=20",
    })
    void slotReportsEveryKeyTheQueryReports(String query, String trace, String paramText) throws IOException {
        Map<String, String> params = params(paramText);
        Path pcap = TraceRun.TRACES.resolve(trace);
        QueryDefinition q = QueryLoader.shipped(query);
        SwitchStage stage = SwitchStageExtractor.extract(q, params);
        SlotProgram program = SlotProgram.of(stage, 2);

        Twin twin = Twin.run(pcap, program);
        Set<String> reported = twin.reportedKeys(stage);

        TraceRun exact = TraceRun.shipped(pcap, List.of(query), Map.of(query, params));
        List<Object[]> rows = exact.rows(query);
        assertThat(rows).as("the engine reports something for " + query + " on " + trace).isNotEmpty();
        for (Object[] row : rows) {
            long epoch = (Long) row[0] / stage.windowMicros();
            String key = epoch + " " + keyText(stage, row);
            assertThat(reported).as("slot reports of %s on %s", query, trace).contains(key);
        }

        if (stage.distinct() == null && !stage.candidate()) {
            // Exact per-key values over all keys (threshold 0) against the counter reads' estimates.
            Map<String, String> all = new HashMap<>(params);
            all.put("threshold", "0");
            TraceRun everyKey = TraceRun.shipped(pcap, List.of(query), Map.of(query, all));
            int checked = 0;
            for (Object[] row : everyKey.rows(query)) {
                long epoch = (Long) row[0] / stage.windowMicros();
                long exactValue = ((Number) row[row.length - 1]).longValue();
                long estimate = twin.estimate(epoch, row, stage);
                assertThat(estimate).as("count-min estimate of %s in epoch %d", keyText(stage, row), epoch)
                        .isGreaterThanOrEqualTo(exactValue);
                checked++;
            }
            assertThat(checked).isPositive();
        }
    }

    private static Map<String, String> params(String text) {
        Map<String, String> m = new HashMap<>();
        for (String kv : text.split(";")) {
            String[] p = kv.split("=", 2);
            m.put(p[0].trim(), p[1].trim());
        }
        return m;
    }

    /** The key of an engine row as "a.b.c.d" (the shipped switch queries have one IPv4 key column). */
    private static String keyText(SwitchStage stage, Object[] row) {
        assertThat(stage.keyColumns()).hasSize(1);
        return row[1].toString();
    }

    /** Runs the twin over a capture, keeping what the test needs to decode reports and per-epoch reads. */
    private static final class Twin {
        final SwitchTwin twin = new SwitchTwin();
        final Map<Long, int[]> frameTuples = new HashMap<>();
        /** Per epoch, the sketch its counter reads give. */
        final Map<Long, EpochSketch> epochs = new HashMap<>();

        static Twin run(Path pcap, SlotProgram program) throws IOException {
            Twin t = new Twin();
            t.twin.install(program);
            SlotTwin slot = t.twin.slot(program.slot());
            SketchEpochs reads = new SketchEpochs(program.stage());
            Long currentEpoch = null;
            try (TraceReader reader = TraceReaders.open(pcap)) {
                RawFrame f = new RawFrame();
                while (reader.next(f)) {
                    if (currentEpoch == null) {
                        // The switch's timestamps are Unix microseconds modulo 2^48; the offset restores them.
                        t.twin.clockOffset(EpochClock.offsetForUnixTimestamps(f.tsMicros));
                    }
                    long epoch = slot.epochOf(f.tsMicros);
                    if (currentEpoch != null && epoch != currentEpoch) {
                        t.epochs.put(currentEpoch, reads.close(currentEpoch, slot.counterPackets(), slot.counterBytes()));
                    }
                    currentEpoch = epoch;
                    int fired = t.twin.process(f, 1);
                    if (fired != 0) {
                        t.frameTuples.put(f.index, tuple(f));
                    }
                }
            }
            if (currentEpoch != null) {
                t.epochs.put(currentEpoch, reads.close(currentEpoch, slot.counterPackets(), slot.counterBytes()));
            }
            return t;
        }

        Set<String> reportedKeys(SwitchStage stage) {
            Set<String> keys = new HashSet<>();
            for (SwitchReport r : twin.reports()) {
                int[] t = frameTuples.get(r.frameIndex());
                long epoch = r.timestampMicros() / stage.windowMicros();
                int key = stage.key().src() != 0 ? t[0] & stage.key().src() : t[1] & stage.key().dst();
                keys.add(epoch + " " + IpAddress.formatV4(key));
            }
            return keys;
        }

        long estimate(long epoch, Object[] row, SwitchStage stage) {
            EpochSketch sketch = epochs.get(epoch);
            assertThat(sketch).as("counter reads of epoch " + epoch).isNotNull();
            int key = IpAddress.parse(row[1].toString()).v4Bits();
            return stage.key().src() != 0 ? sketch.estimate(key, 0, 0, 0, 0) : sketch.estimate(0, key, 0, 0, 0);
        }

        /** IPv4 source and destination of an Ethernet (optionally 802.1Q) frame. */
        private static int[] tuple(RawFrame f) {
            byte[] b = f.data;
            int p = f.offset + 14;
            if (((b[f.offset + 12] & 0xFF) << 8 | (b[f.offset + 13] & 0xFF)) == 0x8100) {
                p += 4;
            }
            return new int[] {i32(b, p + 12), i32(b, p + 16)};
        }

        private static int i32(byte[] b, int i) {
            return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
        }
    }

}
