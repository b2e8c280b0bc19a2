package org.intstream.tests.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.packet.LinkTypes;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SketchEpochs;
import org.intstream.engine.switchtwin.SlotTwin;
import org.intstream.engine.switchtwin.SwitchReport;
import org.intstream.engine.switchtwin.SwitchTwin;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.type.IpAddress;
import org.intstream.softswitch.Softswitch;
import org.intstream.softswitch.io.PcapWriter;
import org.intstream.standalone.cli.SwitchOptions;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.standalone.server.ControllerClient;
import org.intstream.standalone.server.ControllerServer;
import org.intstream.standalone.server.SwitchSpec;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Three edge switches and a destination over the threshold only network-wide: found. Three soft switches in
 * this JVM, each the edge of its own hosts (port 1), run tcp_new_conn (more than T = 40 SYNs to a destination
 * in a 5 s window), installed by one controller started with three {@code --switch} options. Each slot reports
 * destinations over {@code floor(40/3) = 13}; at each epoch's end the controller reads the three counters,
 * adds them cell by cell and publishes the candidates whose merged estimate is over 40.
 *
 * <p>The traffic: a destination gets 16 SYNs from each edge (48 in all, 16 at each switch), one gets
 * 14 + 14 + 13 (reported by two switches only), one gets 45 at a single switch; others stay at or under 40
 * even summed (13 + 13 + 13 unreported anywhere, 20 + 10 reported by one switch), plus scattered SYNs and
 * SYN-ACKs that the filter drops. Per window the controller must publish exactly the destinations the exact
 * engine finds over the union of the three switches' packets, each with the estimate computed from the Java
 * twins' counters (never below the exact count, and within the bound the window's note states); every
 * destination over 40 in the union must be a candidate some switch reported.
 *
 * <p>Pacing as in {@link ControllerSwitchResultsTest}: an epoch's frames go in, the test waits for the reports,
 * then moves the switches' clock to the epoch's end and waits for the three reads.
 */
class NetworkWideThresholdTest {
    private static final int SWITCHES = 3;
    private static final int EDGE_PORT = 1;
    private static final long T = 40;
    private static final long LOCAL = T / SWITCHES;
    private static final long WINDOW = 5_000_000;
    /** The first traffic epoch: windows aligned on 5 s multiples of Unix time (2026-11-23). */
    private static final long FIRST_EPOCH = 1_795_381_580_000_000L / WINDOW;

    private static final int V_EVEN = dst(1);
    private static final int V_TWO = dst(2);
    private static final int V_ONE = dst(3);
    private static final int UNDER_UNREPORTED = dst(4);
    private static final int UNDER_REPORTED = dst(5);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Softswitch> switches = new ArrayList<>();
    private ControllerServer server;
    /** Frames per switch, in time order. */
    private final List<List<RawFrame>> frames = new ArrayList<>();
    /** SYNs per epoch, destination and switch: the truth. */
    private final Map<Long, Map<Integer, long[]>> truth = new TreeMap<>();
    private long nextIndex;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        for (Softswitch sw : switches) {
            sw.close();
        }
    }

    @Test
    void destinationsOverTheThresholdOnlyNetworkWideAreFound(@TempDir Path dir) throws Exception {
        traffic();
        long offset = EpochClock.offsetForUnixTimestamps(FIRST_EPOCH * WINDOW);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < SWITCHES; i++) {
            Softswitch.Options o = new Softswitch.Options();
            o.grpcPort = 0;
            switches.add(Softswitch.start(o));
            String name = "s" + (i + 1);
            args.addAll(List.of("--switch", name + "=127.0.0.1:" + switches.get(i).grpcPort() + "@1",
                    "--switch-edge", name + "=" + EDGE_PORT, "--switch-clock", name + "=offset:" + offset));
        }
        SwitchOptions options = new SwitchOptions();
        new CommandLine(options).parseArgs(args.toArray(new String[0]));
        server = ControllerServer.start(ControllerSettings.defaults().withGraceMillis(60_000),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, log::add);
        // The switches' clock: one epoch before the traffic, so the query is installed before its first window.
        AtomicLong clock = new AtomicLong(FIRST_EPOCH * WINDOW - 1);
        List<SwitchRuntime> runtimes = new ArrayList<>();
        for (SwitchSpec spec : options.specs()) {
            runtimes.add(server.addSwitch(spec, clock::get, 0));
        }
        new ControllerClient("http://127.0.0.1:" + server.httpPort()).submit(QueryLoader.shippedText("tcp_new_conn"),
                Map.of());
        for (SwitchRuntime r : runtimes) {
            assertThat(r.queries()).containsEntry("tcp_new_conn",
                    "slot 0, reports over " + LOCAL + " (" + T + " network-wide over 3 switches)");
        }

        // One twin per switch: the same program with the local threshold, the same clock offset.
        SwitchStage stage = SwitchStageExtractor.extract(QueryLoader.shipped("tcp_new_conn"), Map.of());
        assertThat(stage.threshold()).isEqualTo(T);
        List<SwitchTwin> twins = new ArrayList<>();
        List<SketchEpochs> reads = new ArrayList<>();
        for (int i = 0; i < SWITCHES; i++) {
            twins.add(new SwitchTwin().edgePort(EDGE_PORT).clockOffset(offset)
                    .install(SlotProgram.of(stage.withThreshold(LOCAL), 0)));
            reads.add(new SketchEpochs(stage));
        }
        Map<Long, Integer> dstOfFrame = new TreeMap<>();
        for (List<RawFrame> fs : frames) {
            for (RawFrame f : fs) {
                dstOfFrame.put(f.index, i32(f.data, 30));
            }
        }

        long installEpoch = FIRST_EPOCH - 1;
        long lastEpoch = truth.keySet().stream().max(Long::compare).orElseThrow();
        Map<Long, Map<String, Long>> expected = new TreeMap<>();
        Map<Long, Set<Integer>> candidates = new TreeMap<>();
        Map<Long, Long> bounds = new TreeMap<>();
        int[] next = new int[SWITCHES];
        for (long e = installEpoch; e <= lastEpoch; e++) {
            for (int i = 0; i < SWITCHES; i++) {
                List<RawFrame> fs = frames.get(i);
                while (next[i] < fs.size() && Math.floorDiv(fs.get(next[i]).tsMicros, WINDOW) == e) {
                    RawFrame f = fs.get(next[i]++);
                    switches.get(i).device().receive(EDGE_PORT, f.data, 0, f.capLen, f.wireLen, f.tsMicros);
                    twins.get(i).process(f, EDGE_PORT);
                }
            }
            List<EpochSketch> sketches = new ArrayList<>();
            Set<Integer> reported = new TreeSet<>();
            long total = 0;
            for (int i = 0; i < SWITCHES; i++) {
                SwitchTwin twin = twins.get(i);
                SwitchRuntime runtime = runtimes.get(i);
                int n = twin.reports().size();
                await(runtime.name() + " gets " + n + " reports", () -> runtime.reports() == n);
                SlotTwin slot = twin.slot(0);
                EpochSketch sketch = reads.get(i).close(e, slot.counterPackets(), slot.counterBytes());
                sketches.add(sketch);
                total += sketch.totalPackets();
                for (SwitchReport r : twin.reports()) {
                    if (Math.floorDiv(r.timestampMicros(), WINDOW) == e) {
                        reported.add(dstOfFrame.get(r.frameIndex()));
                    }
                }
            }
            candidates.put(e, reported);
            bounds.put(e * WINDOW, (long) Math.ceil(Math.E * total / stage.width()));
            SlotTwin hashes = twins.get(0).slot(0);
            for (int dst : reported) {
                long merged = mergedEstimate(hashes.cellsOf(0, dst, 0, 0, 0), sketches);
                if (merged > T) {
                    expected.computeIfAbsent(e * WINDOW, k -> new TreeMap<>()).put(IpAddress.formatV4(dst), merged);
                }
            }
            clock.set((e + 1) * WINDOW);
            long read = e - installEpoch + 1;
            for (SwitchRuntime r : runtimes) {
                await(r.name() + " reads epoch " + e, () -> r.epochsRead() == read);
            }
        }

        int windows = (int) (lastEpoch - installEpoch + 1);
        await("every window published", () -> server.core().results().windows("tcp_new_conn").size() == windows);
        Map<Long, Map<String, Long>> published = new TreeMap<>();
        for (MergedWindow w : server.core().results().windows("tcp_new_conn")) {
            assertThat(w.expected()).containsExactly("switch:s1", "switch:s2", "switch:s3");
            assertThat(w.coverage()).as("window %d", w.start()).isEqualTo(w.start() == installEpoch * WINDOW ? "0/3" : "3/3");
            assertThat(w.approximate()).isTrue();
            for (Object[] row : w.rows()) {
                published.computeIfAbsent(w.start(), k -> new TreeMap<>()).put(row[0].toString(), (Long) row[1]);
            }
            if (w.start() != installEpoch * WINDOW) {
                assertThat(w.notes()).as("window %d states its bound", w.start()).anyMatch(n -> n.startsWith(
                        "switches s1, s2, s3: network-wide count-min estimates")
                        && n.contains("over it by at most " + bounds.get(w.start()) + " "));
            }
        }
        assertThat(published).as("controller's destinations and estimates per window").isEqualTo(expected);

        // The exact engine over the union of the three switches' packets finds the same destinations.
        Path union = dir.resolve("union.pcap");
        List<RawFrame> all = new ArrayList<>();
        frames.forEach(all::addAll);
        all.sort(Comparator.comparingLong((RawFrame f) -> f.tsMicros).thenComparingLong(f -> f.index));
        try (PcapWriter w = new PcapWriter(union)) {
            for (RawFrame f : all) {
                w.write(f.tsMicros, f.data);
            }
        }
        Map<Long, Map<String, Long>> exact = new TreeMap<>();
        for (Object[] row : TraceRun.shipped(union, List.of("tcp_new_conn"), Map.of()).rows("tcp_new_conn")) {
            exact.computeIfAbsent((Long) row[0], k -> new TreeMap<>()).put(row[1].toString(), (Long) row[2]);
        }
        assertThat(published.keySet()).isEqualTo(exact.keySet());
        for (Map.Entry<Long, Map<String, Long>> w : exact.entrySet()) {
            Map<String, Long> found = published.get(w.getKey());
            assertThat(found.keySet()).as("window %d", w.getKey()).isEqualTo(w.getValue().keySet());
            for (Map.Entry<String, Long> k : w.getValue().entrySet()) {
                long estimate = found.get(k.getKey());
                assertThat(estimate).as("%s in window %d", k.getKey(), w.getKey()).isGreaterThanOrEqualTo(k.getValue())
                        .isLessThanOrEqualTo(k.getValue() + bounds.get(w.getKey()));
                long[] perSwitch = truth.get(w.getKey() / WINDOW).get((int) IpAddress.parseV4(k.getKey()));
                assertThat(perSwitch[0] + perSwitch[1] + perSwitch[2]).isEqualTo(k.getValue());
            }
        }

        // The cases the traffic was made for.
        long first = FIRST_EPOCH * WINDOW;
        assertThat(exact.get(first)).containsOnlyKeys(IpAddress.formatV4(V_EVEN), IpAddress.formatV4(V_TWO),
                IpAddress.formatV4(V_ONE));
        assertThat(truth.get(FIRST_EPOCH).get(V_EVEN)).as("under T at every switch").containsExactly(16, 16, 16);
        assertThat(candidates.get(FIRST_EPOCH)).contains(V_EVEN, V_TWO, V_ONE, UNDER_REPORTED)
                .doesNotContain(UNDER_UNREPORTED);

        // Candidates are complete: a destination no switch reported is at most T over the union.
        for (Map.Entry<Long, Map<Integer, long[]>> e : truth.entrySet()) {
            for (Map.Entry<Integer, long[]> k : e.getValue().entrySet()) {
                long sum = k.getValue()[0] + k.getValue()[1] + k.getValue()[2];
                if (!candidates.get(e.getKey()).contains(k.getKey())) {
                    assertThat(sum).as("%s unreported in epoch %d", IpAddress.formatV4(k.getKey()), e.getKey())
                            .isLessThanOrEqualTo(T);
                }
            }
        }
        assertThat(runtimes).allSatisfy(r -> {
            assertThat(r.lateKeys()).isZero();
            assertThat(r.malformedReports()).isZero();
            assertThat(r.lastError()).isNull();
        });
    }

    /** The minimum over the rows of the three switches' cells added together. */
    private static long mergedEstimate(int[] cells, List<EpochSketch> sketches) {
        long min = Long.MAX_VALUE;
        for (int row = 0; row < IntStreamP4.SKETCH_ROWS; row++) {
            long sum = 0;
            for (EpochSketch s : sketches) {
                sum += s.packets(row, cells[row]);
            }
            min = Math.min(min, sum);
        }
        return min;
    }

    /**
     * Three epochs. The first is the one described above; in the second the evenly spread destination gets 12
     * from each edge (36: no switch reports it, and it isn't over T) and the once-under one gets 0 + 20 + 21;
     * the third has only scattered SYNs.
     */
    private void traffic() {
        for (int i = 0; i < SWITCHES; i++) {
            frames.add(new ArrayList<>());
        }
        long e = FIRST_EPOCH;
        syns(e, V_EVEN, 16, 16, 16);
        syns(e, V_TWO, 14, 14, 13);
        syns(e, V_ONE, 0, 0, 45);
        syns(e, UNDER_UNREPORTED, 13, 13, 13);
        syns(e, UNDER_REPORTED, 0, 20, 10);
        synAcks(e, 0, V_EVEN, 50);
        scattered(e, 1);
        e++;
        syns(e, V_EVEN, 12, 12, 12);
        syns(e, V_TWO, 14, 14, 13);
        syns(e, UNDER_REPORTED, 0, 20, 21);
        scattered(e, 2);
        e++;
        scattered(e, 3);
        for (List<RawFrame> fs : frames) {
            fs.sort(Comparator.comparingLong((RawFrame f) -> f.tsMicros).thenComparingLong(f -> f.index));
        }
    }

    /** SYNs to {@code dst} from hosts behind each switch, spread over the epoch. */
    private void syns(long epoch, int dst, int... perSwitch) {
        for (int i = 0; i < SWITCHES; i++) {
            for (int n = 0; n < perSwitch[i]; n++) {
                long ts = epoch * WINDOW + (WINDOW / (perSwitch[i] + 1)) * (n + 1) + i;
                add(i, frame(ts, src(i, n), dst, 0x02));
                truth.computeIfAbsent(epoch, k -> new TreeMap<>()).computeIfAbsent(dst, k -> new long[SWITCHES])[i]++;
            }
        }
    }

    /** SYN-ACKs (not new connections) to {@code dst} at one switch. */
    private void synAcks(long epoch, int sw, int dst, int count) {
        for (int n = 0; n < count; n++) {
            add(sw, frame(epoch * WINDOW + 1000 + n * 997, src(sw, n), dst, 0x12));
        }
    }

    /** 1 to 3 SYNs to each of 30 other destinations, from hosts behind every switch. */
    private void scattered(long epoch, int seed) {
        for (int d = 0; d < 30; d++) {
            int[] perSwitch = new int[SWITCHES];
            perSwitch[(d + seed) % SWITCHES] = 1 + (d * 7 + seed) % 3;
            perSwitch[(d + seed + 1) % SWITCHES] = (d + seed) % 2;
            syns(epoch, dst(100 + d), perSwitch);
        }
    }

    private void add(int sw, RawFrame f) {
        f.index = nextIndex++;
        frames.get(sw).add(f);
    }

    private static int dst(int host) {
        return (int) IpAddress.parseV4("10.200.0." + host);
    }

    private static int src(int sw, int n) {
        return (int) IpAddress.parseV4("10." + (sw + 1) + "." + (n / 200) + "." + (1 + n % 200));
    }

    /** Ethernet, IPv4 (no options, checksum set) and a 20-byte TCP header with the flags. */
    private RawFrame frame(long ts, int src, int dst, int flags) {
        byte[] b = new byte[54];
        b[5] = 2;
        b[11] = 1;
        b[12] = 0x08;
        b[14] = 0x45;
        put16(b, 16, 40);
        put16(b, 18, (int) (nextIndex & 0xFFFF));
        b[20] = 0x40;
        b[22] = 64;
        b[23] = 6;
        put32(b, 26, src);
        put32(b, 30, dst);
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        put16(b, 24, ~sum & 0xFFFF);
        put16(b, 34, 20_000 + (int) (nextIndex % 40_000));
        put16(b, 36, 80);
        put32(b, 38, (int) (nextIndex * 7919));
        b[46] = 0x50;
        b[47] = (byte) flags;
        put16(b, 48, 0xFFFF);
        RawFrame f = new RawFrame();
        f.data = b;
        f.capLen = b.length;
        f.wireLen = b.length;
        f.tsMicros = ts;
        f.linkType = LinkTypes.ETHERNET;
        return f;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void put32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    private static int i32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
