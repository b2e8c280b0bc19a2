package org.intstream.tests.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SketchEpochs;
import org.intstream.engine.switchtwin.SlotTwin;
import org.intstream.engine.switchtwin.SwitchReport;
import org.intstream.engine.switchtwin.SwitchTwin;
import org.intstream.p4runtime.ElectionId;
import org.intstream.p4runtime.P4InfoFiles;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.type.IpAddress;
import org.intstream.softswitch.Softswitch;
import org.intstream.standalone.cli.SwitchOptions;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.standalone.server.ControllerClient;
import org.intstream.standalone.server.ControllerServer;
import org.intstream.standalone.server.SwitchSpec;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The controller programs a switch: a soft switch in this JVM (no pipeline until the controller pushes one)
 * gets a real capture replayed into its edge port 1, the controller started with {@code --switch},
 * {@code --switch-edge} and {@code --switch-clock replay:CAPTURE} installs port_scan's switch stage when the
 * query is submitted, decodes the reports, reads the slot's counters after each epoch and publishes per
 * window the keys reported with their count-min estimates. They must equal what the Java twin computes for
 * the same packets (its reports, and its counters read at the same epoch boundaries), and include every
 * scanner the exact engine finds over the capture.
 *
 * <p>The replay is paced by the test: each epoch's frames go in at once, then the test waits for their
 * reports to reach the controller and moves the switch clock the controller follows to the epoch's end, so
 * each epoch is read before the next one of the same parity starts (as a live switch's seconds-long
 * windows allow).
 */
class ControllerSwitchResultsTest {
    private static final int EDGE_PORT = 1;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private Softswitch sw;
    private ControllerServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (sw != null) {
            sw.close();
        }
    }

    /** A fast scan inside one window, and a slow one over many windows with empty windows between. */
    @ParameterizedTest(name = "{0}, threshold {1}")
    @CsvSource({"nmap-syn-fast.pcap, 20", "nmap-connect-slow.pcap, 5"})
    void switchResultsEqualTheTwinsPerWindow(String trace, String threshold) throws Exception {
        Path capture = TraceRun.TRACES.resolve(trace);
        Map<String, String> params = Map.of("threshold", threshold);
        List<RawFrame> frames = read(capture);
        long firstTs = frames.get(0).tsMicros;
        Softswitch.Options o = new Softswitch.Options();
        o.grpcPort = 0;
        o.cpuPort = 255;
        o.deviceId = 1;
        sw = Softswitch.start(o);

        server = ControllerServer.start(ControllerSettings.defaults().withGraceMillis(60_000),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, log::add);
        SwitchOptions options = new SwitchOptions();
        new CommandLine(options).parseArgs("--switch", "s1=127.0.0.1:" + sw.grpcPort() + "@1",
                "--switch-edge", "s1=" + EDGE_PORT, "--switch-clock", "s1=replay:" + capture);
        SwitchSpec spec = options.specs().get(0);
        assertThat(spec.clock()).isEqualTo(SwitchSpec.ClockMode.REPLAY);
        assertThat(spec.clockMicros()).isEqualTo(firstTs);
        AtomicLong switchClock = new AtomicLong(firstTs);
        SwitchRuntime runtime = server.addSwitch(spec, switchClock::get, 0);

        ControllerClient client = new ControllerClient("http://127.0.0.1:" + server.httpPort());
        client.submit(QueryLoader.shippedText("port_scan"), params, true);
        assertThat(runtime.queries()).containsEntry("port_scan", "slot 0");

        // The twin runs the same program on the same packets with the same clock offset.
        SwitchStage stage = SwitchStageExtractor.extract(QueryLoader.shipped("port_scan"), params);
        SwitchTwin twin = new SwitchTwin().edgePort(EDGE_PORT).clockOffset(EpochClock.offsetForUnixTimestamps(firstTs))
                .install(SlotProgram.of(stage, 0));
        SlotTwin slot = twin.slot(0);
        SketchEpochs reads = new SketchEpochs(stage);
        long window = stage.windowMicros();
        long firstEpoch = Math.floorDiv(firstTs, window);
        Map<Long, Map<String, Long>> expected = new TreeMap<>();
        Map<Long, int[]> tuples = new TreeMap<>();

        long epoch = firstEpoch;
        int next = 0;
        while (next < frames.size()) {
            long e = Math.floorDiv(frames.get(next).tsMicros, window);
            while (epoch < e) {
                closeEpoch(epoch, firstEpoch, window, twin, slot, reads, tuples, expected, runtime, switchClock);
                epoch++;
            }
            while (next < frames.size() && Math.floorDiv(frames.get(next).tsMicros, window) == e) {
                RawFrame f = frames.get(next++);
                sw.device().receive(EDGE_PORT, f.data, 0, f.capLen, f.wireLen, f.tsMicros);
                if (twin.process(f, EDGE_PORT) != 0) {
                    tuples.put(f.index, tuple(f));
                }
            }
        }
        closeEpoch(epoch, firstEpoch, window, twin, slot, reads, tuples, expected, runtime, switchClock);
        assertThat(twin.reports()).as("the twin's reports").isNotEmpty();

        int epochs = (int) (epoch - firstEpoch + 1);
        await("every epoch published", () -> server.core().results().windows("port_scan").size() == epochs);
        List<MergedWindow> windows = server.core().results().windows("port_scan");
        Map<Long, Map<String, Long>> published = new TreeMap<>();
        for (MergedWindow w : windows) {
            assertThat(w.approximate()).isTrue();
            assertThat(w.expected()).containsExactly("switch:s1");
            // The slot was installed inside the first window: that one saw only part of it.
            assertThat(w.coverage()).as("window %d", w.start()).isEqualTo(w.start() == firstEpoch * window ? "0/1" : "1/1");
            for (Object[] row : w.rows()) {
                published.computeIfAbsent(w.start(), k -> new TreeMap<>()).put(row[0].toString(), (Long) row[1]);
            }
        }
        assertThat(published).as("controller's keys and estimates per window").isEqualTo(expected);
        assertThat(runtime.lateKeys()).isZero();
        assertThat(runtime.malformedReports()).isZero();

        // The exact engine over the capture: every scanner it finds is published. Its value is the slot's
        // estimate of distinct ports, which the distinct stage's Bloom false positives may put below the exact
        // count (docs/switch.md); it is over the threshold, or the slot would not have reported it.
        assertThat(stage.distinct()).isNotNull();
        List<Object[]> exact = TraceRun.shipped(capture, List.of("port_scan"), Map.of("port_scan", params))
                .rows("port_scan");
        assertThat(exact).as("the engine finds the scanner").isNotEmpty();
        for (Object[] row : exact) {
            Map<String, Long> inWindow = published.getOrDefault((Long) row[0], Map.of());
            assertThat(inWindow).as("window %s", row[0]).containsKey(row[1].toString());
            assertThat(inWindow.get(row[1].toString())).isGreaterThan(Long.parseLong(threshold));
        }

        // The REST API shows the switch and its counters (per switch, never per key).
        String base = "http://127.0.0.1:" + server.httpPort();
        String switches = get(base + "/switches");
        assertThat(switches).contains("\"name\" : \"s1\"").contains("\"port_scan\" : \"slot 0\"")
                .contains("\"reports\" : " + twin.reports().size()).contains("\"epochs_read\" : " + epochs);
        assertThat(get(base + "/metrics")).contains("intstream_switch_epochs_read_total{switch=\"s1\"} " + epochs);

        // Removing the query deletes its entries from the switch.
        client.remove("port_scan");
        assertThat(runtime.queries()).isEmpty();
        P4RuntimeClient reader = P4RuntimeClient.builder("127.0.0.1:" + sw.grpcPort(), 1, ElectionId.of(5)).build();
        try {
            reader.connect();
            reader.usePipeline(P4InfoFiles.read(TraceRun.ROOT.resolve("p4src/build/intstream.p4info.txt")));
            assertThat(reader.readTableEntries(IntStreamP4.slotFilter(0))).isEmpty();
        } finally {
            reader.close();
        }
    }

    /**
     * A switch and an agent observe different packets (PACKET_ONCE): the fast scan enters at the switch's edge
     * port, the slow scan is captured by the agent of its sender. Each window holds the union of both points'
     * rows — the switch's keys with the twin's estimates, the agent's with the exact engine's values — and
     * waits for both points.
     */
    @Test
    void switchAndAgentRowsMergePerWindow() throws Exception {
        Path atSwitch = TraceRun.TRACES.resolve("nmap-syn-fast.pcap");
        Path atAgent = TraceRun.TRACES.resolve("nmap-connect-slow.pcap");
        Map<String, String> params = Map.of("threshold", "5");
        List<RawFrame> switchFrames = read(atSwitch);
        long firstTs = switchFrames.get(0).tsMicros;
        Softswitch.Options o = new Softswitch.Options();
        o.grpcPort = 0;
        sw = Softswitch.start(o);
        server = ControllerServer.start(ControllerSettings.defaults().withGraceMillis(60_000),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, log::add);
        SwitchOptions options = new SwitchOptions();
        new CommandLine(options).parseArgs("--switch", "s1=127.0.0.1:" + sw.grpcPort() + "@1",
                "--switch-edge", "s1=" + EDGE_PORT, "--switch-clock", "s1=replay:" + atSwitch);
        AtomicLong switchClock = new AtomicLong(firstTs);
        SwitchRuntime runtime = server.addSwitch(options.specs().get(0), switchClock::get, 0);
        AgentStreamer agent = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h1", "",
                "h1/eth0", Long.MIN_VALUE, 20, 500), () -> 0, log::add);
        try {
            new ControllerClient("http://127.0.0.1:" + server.httpPort()).submit(QueryLoader.shippedText("port_scan"),
                    params, true);
            assertThat(agent.awaitInstalled(1, 10_000)).isTrue();
            assertThat(runtime.queries()).containsEntry("port_scan", "slot 0");

            SwitchStage stage = SwitchStageExtractor.extract(QueryLoader.shipped("port_scan"), params);
            SwitchTwin twin = new SwitchTwin().edgePort(EDGE_PORT)
                    .clockOffset(EpochClock.offsetForUnixTimestamps(firstTs)).install(SlotProgram.of(stage, 0));
            SketchEpochs reads = new SketchEpochs(stage);
            long window = stage.windowMicros();
            long firstEpoch = Math.floorDiv(firstTs, window);
            Map<Long, Map<String, Long>> expected = new TreeMap<>();
            Map<Long, int[]> tuples = new TreeMap<>();
            for (RawFrame f : switchFrames) {
                assertThat(Math.floorDiv(f.tsMicros, window)).as("the fast scan is in one window").isEqualTo(firstEpoch);
                sw.device().receive(EDGE_PORT, f.data, 0, f.capLen, f.wireLen, f.tsMicros);
                if (twin.process(f, EDGE_PORT) != 0) {
                    tuples.put(f.index, tuple(f));
                }
            }
            List<RawFrame> agentFrames = read(atAgent);
            long lastEpoch = Math.floorDiv(agentFrames.get(agentFrames.size() - 1).tsMicros, window);
            assertThat(lastEpoch).as("the slow scan goes on after the fast one's window").isGreaterThan(firstEpoch);
            for (long e = firstEpoch; e <= lastEpoch; e++) {
                closeEpoch(e, firstEpoch, window, twin, twin.slot(0), reads, tuples, expected, runtime, switchClock);
            }
            agentFrames.forEach(agent::onFrame);
            agent.finish();
            await("the agent's partials acknowledged", () -> {
                server.flushAcks();
                return agent.unacknowledged() == 0;
            });
            for (Object[] row : TraceRun.shipped(atAgent, List.of("port_scan"), Map.of("port_scan", params))
                    .rows("port_scan")) {
                expected.computeIfAbsent((Long) row[0], k -> new TreeMap<>())
                        .put(row[1].toString(), ((Number) row[2]).longValue());
            }
            assertThat(expected.keySet()).as("windows with rows").hasSizeGreaterThan(1);
            assertThat(expected.get(firstEpoch * window)).as("the shared window has both points' scanners").hasSize(2);

            int windows = (int) (lastEpoch - firstEpoch + 1);
            await("every window published", () -> server.core().results().windows("port_scan").size() == windows);
            Map<Long, Map<String, Long>> published = new TreeMap<>();
            for (MergedWindow w : server.core().results().windows("port_scan")) {
                assertThat(w.expected()).containsExactly("h1", "switch:s1");
                assertThat(w.coverage()).as("window %d", w.start())
                        .isEqualTo(w.start() == firstEpoch * window ? "1/2" : "2/2");
                for (Object[] row : w.rows()) {
                    published.computeIfAbsent(w.start(), k -> new TreeMap<>()).put(row[0].toString(), (Long) row[1]);
                }
            }
            assertThat(published).isEqualTo(expected);
        } finally {
            agent.close();
        }
    }

    /**
     * Waits for the epoch's reports to reach the controller, takes the twin's reading of the epoch, then moves
     * the switch clock past the epoch and waits for the controller's reading.
     */
    private static void closeEpoch(long epoch, long firstEpoch, long window, SwitchTwin twin, SlotTwin slot,
            SketchEpochs reads, Map<Long, int[]> tuples, Map<Long, Map<String, Long>> expected, SwitchRuntime runtime,
            AtomicLong switchClock) throws InterruptedException {
        int reports = twin.reports().size();
        await("the controller gets " + reports + " reports", () -> runtime.reports() == reports);
        EpochSketch sketch = reads.close(epoch, slot.counterPackets(), slot.counterBytes());
        for (SwitchReport r : twin.reports()) {
            if (r.timestampMicros() / window == epoch) {
                int src = tuples.get(r.frameIndex())[0];
                expected.computeIfAbsent(epoch * window, k -> new TreeMap<>())
                        .put(IpAddress.formatV4(src), sketch.estimate(src, 0, 0, 0, 0));
            }
        }
        switchClock.set((epoch + 1) * window);
        await("epoch " + epoch + " read", () -> runtime.epochsRead() == epoch - firstEpoch + 1);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    private static List<RawFrame> read(Path capture) throws Exception {
        List<RawFrame> out = new ArrayList<>();
        try (TraceReader r = TraceReaders.open(capture)) {
            RawFrame f = new RawFrame();
            while (r.next(f)) {
                RawFrame c = new RawFrame();
                c.data = Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen);
                c.capLen = f.capLen;
                c.wireLen = f.wireLen;
                c.tsMicros = f.tsMicros;
                c.linkType = f.linkType;
                c.index = f.index;
                out.add(c);
            }
        }
        return out;
    }

    /** IPv4 source and destination of an Ethernet (optionally 802.1Q) frame. */
    private static int[] tuple(RawFrame f) {
        byte[] b = f.data;
        int p = 14;
        if (((b[12] & 0xFF) << 8 | (b[13] & 0xFF)) == 0x8100) {
            p += 4;
        }
        return new int[] {i32(b, p + 12), i32(b, p + 16)};
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
