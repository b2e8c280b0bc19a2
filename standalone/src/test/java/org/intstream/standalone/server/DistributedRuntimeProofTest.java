package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.packet.Packet;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.function.FunctionRegistry;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.partition.PlanSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A controller and three agents in one JVM, over gRPC on loopback: the addresses of a real capture are shared
 * among three hosts, and each host's agent keeps, per query, the packets its observation point gives it (by
 * key, the default: port_scan's where they are sent, tcp_new_conn's and ddos's where they are received, so
 * their thresholds run at the agents; syn_flood's at the connections' clients, merged). The merged results
 * must equal the same query run centrally over the whole capture. With the controller observing at the
 * senders, thresholds that no agent reaches alone and only the network-wide sum passes. Then lost
 * connections, a killed agent and a restarted one.
 */
class DistributedRuntimeProofTest {
    private static final Path TRACES = Path.of("..", "tests", "src", "test", "resources", "traces");
    private static final Path QUERIES = Path.of("..", "queries");
    private static final int AGENTS = 3;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private ControllerServer server;
    private SplitCapture capture;
    private final AgentStreamer[] agents = new AgentStreamer[AGENTS];

    @AfterEach
    void stop() throws InterruptedException {
        for (AgentStreamer a : agents) {
            if (a != null) {
                a.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    /** A controller observing queries by key (the default). */
    private void startController(long graceMillis, long ackIntervalMillis) throws IOException {
        startController(graceMillis, ackIntervalMillis, ControllerSettings.SIDES_DEFAULT);
    }

    private void startController(long graceMillis, long ackIntervalMillis, PlanSplitter.Sides sides) throws IOException {
        server = ControllerServer.start(ControllerSettings.defaults().withToken("proof").withGraceMillis(graceMillis)
                        .withSides(sides), InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0,
                ackIntervalMillis, log::add);
    }

    /** Agent i, on host i of the split capture: it is told its addresses and picks its packets itself. */
    private AgentStreamer agent(int i, long observedFrom) {
        return AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h" + i, "proof", "h" + i + "/eth0",
                observedFrom, 20, 500), capture.host(i), () -> 0, log::add);
    }

    private void startAgentsAndSubmit(String query, Map<String, String> params) throws Exception {
        startAgentsAndSubmit(Map.of(query, params));
    }

    private void startAgentsAndSubmit(Map<String, Map<String, String>> queries) throws Exception {
        for (int i = 0; i < AGENTS; i++) {
            agents[i] = agent(i, Long.MIN_VALUE);
        }
        await("three agents", () -> server.core().agents().links().size() == AGENTS);
        ControllerClient client = new ControllerClient("http://127.0.0.1:" + server.httpPort());
        for (Map.Entry<String, Map<String, String>> q : queries.entrySet()) {
            client.submit(text(q.getKey()), q.getValue());
        }
        for (AgentStreamer a : agents) {
            assertThat(a.awaitInstalled(queries.size(), 10_000)).as("installed").isTrue();
        }
    }

    private static String text(String query) throws IOException {
        return Files.readString(QUERIES.resolve(query + ".isq"));
    }

    /**
     * Every frame to every agent, as if each captured the whole network: each keeps what its addresses make
     * its own at each query's point (a frame from h0 to h1 is h0's at the sender, h1's at the receiver), and
     * every clock moves on with the capture.
     */
    private void replay(SplitCapture capture, int from, int to) {
        for (SplitCapture.Frame f : capture.frames.subList(from, to)) {
            for (int i = 0; i < AGENTS; i++) {
                if (agents[i] != null) {
                    agents[i].onFrame(f.raw());
                    agents[i].advanceTime(f.ts);
                }
            }
        }
    }

    private void finishAndAwaitAcks() throws Exception {
        for (AgentStreamer a : agents) {
            if (a != null) {
                a.finish();
            }
        }
        for (AgentStreamer a : agents) {
            if (a != null) {
                await("every partial acknowledged", () -> {
                    server.flushAcks();
                    return a.unacknowledged() == 0;
                });
            }
        }
    }

    /** The query over the whole capture in one engine: window start to its sorted rows. */
    private static Map<Long, List<String>> central(String query, Map<String, String> params, SplitCapture capture) throws IOException {
        Engine engine = new Engine(FunctionRegistry.builtins());
        engine.register(DslParser.parseQuery(text(query)), params);
        Map<Long, List<String>> out = new TreeMap<>();
        engine.addSink((info, batch) -> {
            for (Object[] row : batch.rows) {
                out.computeIfAbsent(batch.start, k -> new ArrayList<>()).add(Arrays.toString(row));
            }
        });
        capture.frames.forEach(f -> engine.onFrame(f.raw()));
        engine.finish();
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    private Map<Long, List<String>> merged(String query) {
        Map<Long, List<String>> out = new TreeMap<>();
        for (MergedWindow w : server.core().results().windows(query)) {
            for (Object[] row : w.rows()) {
                out.computeIfAbsent(w.start(), k -> new ArrayList<>()).add(Arrays.toString(row));
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    private void assertEveryWindowComplete(String query) {
        List<MergedWindow> windows = server.core().results().windows(query);
        assertThat(windows).isNotEmpty();
        assertThat(windows).allSatisfy(w -> {
            assertThat(w.partial()).as("window %d", w.start()).isFalse();
            assertThat(w.coverage()).isEqualTo("3/3");
        });
    }

    private void runAndCompare(String query, String trace, Map<String, String> params) throws Exception {
        runAndCompare(query, trace, params, ControllerSettings.SIDES_DEFAULT);
    }

    private void runAndCompare(String query, String trace, Map<String, String> params, PlanSplitter.Sides sides)
            throws Exception {
        capture = new SplitCapture(TRACES.resolve(trace), AGENTS);
        startController(60_000, 50, sides);
        startAgentsAndSubmit(query, params);
        replay(capture, 0, capture.frames.size());
        finishAndAwaitAcks();

        Map<Long, List<String>> expected = central(query, params, capture);
        assertThat(expected).as("the central run finds something").isNotEmpty();
        assertThat(merged(query)).isEqualTo(expected);
        assertEveryWindowComplete(query);
        assertThat(server.core().counters().get(query).partialsDuplicate()).isZero();
    }

    static Stream<String> traces() throws IOException {
        try (Stream<Path> files = Files.list(TRACES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap")).sorted().toList().stream();
        }
    }

    /** The three applications at once over every shipped capture: whatever central finds, the merge finds. */
    @ParameterizedTest
    @MethodSource("traces")
    void everyCaptureGivesTheCentralAnswer(String trace) throws Exception {
        capture = new SplitCapture(TRACES.resolve(trace), AGENTS);
        Map<String, Map<String, String>> queries = Map.of("port_scan", Map.of(), "tcp_new_conn", Map.of(),
                "ddos", Map.of());
        startController(60_000, 50);
        startAgentsAndSubmit(queries);
        replay(capture, 0, capture.frames.size());
        finishAndAwaitAcks();
        assertThat(server.core().queries().get("port_scan").plan().point()).isEqualTo(ObservationPoint.PACKET_AT_SENDER);
        assertThat(server.core().queries().get("tcp_new_conn").plan().point())
                .isEqualTo(ObservationPoint.PACKET_AT_RECEIVER);
        assertThat(server.core().queries().get("ddos").plan().point()).isEqualTo(ObservationPoint.PACKET_AT_RECEIVER);
        for (Map.Entry<String, Map<String, String>> q : queries.entrySet()) {
            assertThat(merged(q.getKey())).as(q.getKey() + " over " + trace)
                    .isEqualTo(central(q.getKey(), q.getValue(), capture));
            assertThat(server.core().results().windows(q.getKey())).as(q.getKey())
                    .allSatisfy(w -> assertThat(w.coverage()).isEqualTo("3/3"));
        }
    }

    @Test
    void portScanPointLocalEqualsCentral() throws Exception {
        runAndCompare("port_scan", "nmap-syn-fast.pcap", Map.of());
    }

    /**
     * Per window and key, the most SYNs (without ACK) one agent sees, and all agents together; the key is the
     * destination, and the agent the one observing at the point.
     */
    private static long[] synsPerAgentAndTotal(SplitCapture capture, ObservationPoint point, long windowMicros) {
        Map<String, long[]> counts = new HashMap<>();
        for (SplitCapture.Frame f : capture.frames) {
            Packet p = f.packet;
            if (p.ipVersion == 4 && p.ipProto == 6 && (p.tcpFlags & 0x12) == 0x02) {
                String key = Math.floorDiv(f.ts, windowMicros) + "/" + p.ip4Dst;
                counts.computeIfAbsent(key, k -> new long[AGENTS + 1])[f.owner(point)]++;
                counts.get(key)[AGENTS]++;
            }
        }
        long maxOne = 0;
        long maxTotal = 0;
        for (long[] c : counts.values()) {
            for (int i = 0; i < AGENTS; i++) {
                maxOne = Math.max(maxOne, c[i]);
            }
            maxTotal = Math.max(maxTotal, c[AGENTS]);
        }
        return new long[] {maxOne, maxTotal};
    }

    @Test
    void tcpNewConnMergedEqualsCentralWithAThresholdNoAgentReachesAlone() throws Exception {
        SplitCapture split = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
        long[] syns = synsPerAgentAndTotal(split, ObservationPoint.PACKET_AT_SENDER, 5_000_000L);
        assertThat(syns[1]).as("the sum is above what any agent sees").isGreaterThan(syns[0]);
        // Observed at the senders, conns > threshold: no agent's count passes it, the network-wide sum does.
        runAndCompare("tcp_new_conn", "hping-flood-spoofed.pcap", Map.of("threshold", Long.toString(syns[0])),
                PlanSplitter.Sides.SENDER);
        assertThat(server.core().queries().get("tcp_new_conn").plan().mode()).isEqualTo(DistributedPlan.Mode.MERGE);
    }

    @Test
    void tcpNewConnAtTheReceiverRunsItsThresholdThereAndEqualsCentral() throws Exception {
        SplitCapture split = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
        long[] syns = synsPerAgentAndTotal(split, ObservationPoint.PACKET_AT_RECEIVER, 5_000_000L);
        assertThat(syns[0]).as("the destination's agent sees all its SYNs").isEqualTo(syns[1]);
        long threshold = syns[1] / 2;
        runAndCompare("tcp_new_conn", "hping-flood-spoofed.pcap", Map.of("threshold", Long.toString(threshold)));
        DeployedQuery q = server.core().queries().get("tcp_new_conn");
        assertThat(q.plan().point()).isEqualTo(ObservationPoint.PACKET_AT_RECEIVER);
        assertThat(q.plan().mode()).isEqualTo(DistributedPlan.Mode.POINT_LOCAL);
    }

    /** syn_flood needs both directions of a connection: observed at the client, merged network-wide by key too. */
    @Test
    void synFloodMergedByKeyEqualsCentralWithAThresholdNoAgentReachesAlone() throws Exception {
        SplitCapture split = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
        // half_open counts SYNs minus handshakes, so it is at most the SYNs an agent sees.
        long[] syns = synsPerAgentAndTotal(split, ObservationPoint.CONNECTION_AT_CLIENT, 5_000_000L);
        assertThat(syns[1]).as("the sum is above what any agent sees").isGreaterThan(syns[0]);
        runAndCompare("syn_flood", "hping-flood-spoofed.pcap", Map.of("threshold", Long.toString(syns[0])));
        DeployedQuery q = server.core().queries().get("syn_flood");
        assertThat(q.plan().point()).isEqualTo(ObservationPoint.CONNECTION_AT_CLIENT);
        assertThat(q.plan().mode()).isEqualTo(DistributedPlan.Mode.MERGE);
    }

    @Test
    void ddosMergedEqualsCentralThoughEachAgentSeesFewerThanTheThreshold() throws Exception {
        SplitCapture split = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
        Map<String, Set<Integer>[]> sources = new HashMap<>();
        for (SplitCapture.Frame f : split.frames) {
            if (f.packet.ipVersion == 4) {
                @SuppressWarnings("unchecked")
                Set<Integer>[] s = sources.computeIfAbsent(Math.floorDiv(f.ts, 10_000_000L) + "/" + f.packet.ip4Dst,
                        k -> new Set[] {new HashSet<>(), new HashSet<>(), new HashSet<>()});
                s[f.owner(ObservationPoint.PACKET_AT_SENDER)].add(f.packet.ip4Src);
            }
        }
        int mostAtOneAgent = sources.values().stream().flatMap(Arrays::stream).mapToInt(Set::size).max().orElse(0);
        assertThat(mostAtOneAgent).as("no agent alone sees more than ddos's 100 sources").isLessThanOrEqualTo(100);
        runAndCompare("ddos", "hping-flood-spoofed.pcap", Map.of(), PlanSplitter.Sides.SENDER);
        assertThat(server.core().queries().get("ddos").plan().mode()).isEqualTo(DistributedPlan.Mode.MERGE);
    }

    @Test
    void ddosAtTheReceiverEqualsCentral() throws Exception {
        runAndCompare("ddos", "hping-flood-spoofed.pcap", Map.of());
        assertThat(server.core().queries().get("ddos").plan().point()).isEqualTo(ObservationPoint.PACKET_AT_RECEIVER);
        assertThat(server.core().queries().get("ddos").plan().mode()).isEqualTo(DistributedPlan.Mode.POINT_LOCAL);
    }

    @Test
    void aDroppedConnectionResendsUnacknowledgedWindowsAndNothingIsCountedTwice() throws Exception {
        String query = "tcp_new_conn";
        Map<String, String> params = Map.of("threshold", "10");
        capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
        // Acknowledgements only when the test flushes them, so the dropped stream had partials in flight.
        startController(60_000, 3_600_000);
        startAgentsAndSubmit(query, params);
        int half = intoSecondWindow(capture);
        replay(capture, 0, half);
        await("h1 has sent partials", () -> agents[1].partialsSent() > 0);
        long cutBeforeDrop = agents[1].partialsCut();
        // Every agent cuts the same windows (one clock), so the controller holds them all once it has 3 × h1's.
        await("the controller took them",
                () -> server.core().counters().get(query).partialsAccepted() >= AGENTS * cutBeforeDrop);
        assertThat(agents[1].unacknowledged()).isEqualTo((int) cutBeforeDrop);

        assertThat(server.disconnect("h1")).isTrue();
        await("h1 reconnected", () -> agents[1].connections() == 2 && server.core().agents().links().size() == AGENTS);
        replay(capture, half, capture.frames.size());
        finishAndAwaitAcks();

        assertThat(merged(query)).isEqualTo(central(query, params, capture));
        assertEveryWindowComplete(query);
        assertThat(server.core().counters().get(query).partialsDuplicate())
                .as("the windows h1 sent before the drop came again and were dropped").isEqualTo(cutBeforeDrop);
        assertThat(log).anyMatch(l -> l.contains("connection to the controller lost: UNAVAILABLE"));
    }

    @Test
    void aKilledAgentsWindowsArePublishedPartialAfterTheGrace() throws Exception {
        String query = "tcp_new_conn";
        Map<String, String> params = Map.of("threshold", "10");
        capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
        startController(300, 20);
        startAgentsAndSubmit(query, params);
        int half = intoSecondWindow(capture);
        replay(capture, 0, half);
        await("h2's partials acknowledged", () -> agents[2].unacknowledged() == 0);
        long lastFromH2 = lastWindowReportedBy("h2", query);
        assertThat(lastFromH2).as("h2 reported the first window before it was killed").isNotEqualTo(Long.MIN_VALUE);
        agents[2].close();
        agents[2] = null;
        replay(capture, half, capture.frames.size());
        finishAndAwaitAcks();
        await("the windows without h2 published after the grace", () -> {
            List<MergedWindow> ws = server.core().results().windows(query);
            return !ws.isEmpty() && ws.get(ws.size() - 1).start() == lastWindow(capture, 5_000_000L);
        });

        Map<Long, List<String>> expected = central(query, params, capture);
        List<MergedWindow> windows = server.core().results().windows(query);
        for (MergedWindow w : windows) {
            if (w.start() <= lastFromH2) {
                assertThat(w.coverage()).as("window %d, before the kill", w.start()).isEqualTo("3/3");
                assertThat(sorted(w)).isEqualTo(expected.getOrDefault(w.start(), List.of()));
            } else {
                assertThat(w.partial()).as("window %d, after the kill", w.start()).isTrue();
                assertThat(w.coverage()).isEqualTo("2/3");
                assertThat(w.reported()).containsExactly("h0", "h1");
                assertThat(w.expected()).containsExactly("h0", "h1", "h2");
            }
        }
        assertThat(windows).anyMatch(MergedWindow::partial);
    }

    @Test
    void anAgentKilledAndRestartedMidStreamMarksItsWindowPartialAndCountsNothingTwice() throws Exception {
        String query = "tcp_new_conn";
        Map<String, String> params = Map.of("threshold", "10");
        capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
        startController(60_000, 20);
        startAgentsAndSubmit(query, params);
        int kill = intoSecondWindow(capture);
        replay(capture, 0, kill);
        await("h2's partials acknowledged", () -> agents[2].unacknowledged() == 0);
        long lastFromH2 = lastWindowReportedBy("h2", query);
        assertThat(lastFromH2).as("h2 reported the first window before it was killed").isNotEqualTo(Long.MIN_VALUE);
        agents[2].close();
        // The restarted agent sees packets from the next frame on: its first window is not whole.
        long restartedAt = capture.frames.get(kill).ts;
        agents[2] = agent(2, restartedAt);
        assertThat(agents[2].awaitInstalled(1, 10_000)).isTrue();
        replay(capture, kill, capture.frames.size());
        finishAndAwaitAcks();

        Map<Long, List<String>> expected = central(query, params, capture);
        long restartWindow = Math.floorDiv(restartedAt, 5_000_000L) * 5_000_000L;
        assertThat(restartWindow).as("the kill falls inside a window h2 had not reported").isGreaterThan(lastFromH2);
        List<MergedWindow> windows = server.core().results().windows(query);
        assertThat(windows).extracting(MergedWindow::start).contains(restartWindow);
        for (MergedWindow w : windows) {
            if (w.start() == restartWindow) {
                assertThat(w.partial()).isTrue();
                assertThat(w.coverage()).isEqualTo("2/3");
                assertThat(w.expected()).containsExactly("h0", "h1", "h2");
            } else if (w.start() > lastFromH2 && w.start() < restartWindow) {
                assertThat(w.partial()).isTrue();
            } else {
                assertThat(w.coverage()).as("window %d", w.start()).isEqualTo("3/3");
                assertThat(sorted(w)).as("window %d", w.start()).isEqualTo(expected.getOrDefault(w.start(), List.of()));
            }
        }
        assertThat(server.core().counters().get(query).partialsDuplicate()).isZero();
    }

    /** A frame one second into the capture's second 5 s window: every agent has closed the first by then. */
    private static int intoSecondWindow(SplitCapture capture) {
        long second = Math.floorDiv(capture.frames.get(0).ts, 5_000_000L) * 5_000_000L + 5_000_000L;
        for (int i = 0; i < capture.frames.size(); i++) {
            if (capture.frames.get(i).ts >= second + 1_000_000L) {
                return i;
            }
        }
        throw new AssertionError("the capture is shorter than two windows");
    }

    private long lastWindowReportedBy(String agent, String query) {
        long last = Long.MIN_VALUE;
        for (MergedWindow w : server.core().results().windows(query)) {
            if (w.reported().contains(agent)) {
                last = Math.max(last, w.start());
            }
        }
        return last;
    }

    private static long lastWindow(SplitCapture capture, long size) {
        return Math.floorDiv(capture.frames.get(capture.frames.size() - 1).ts, size) * size;
    }

    private static List<String> sorted(MergedWindow w) {
        List<String> rows = new ArrayList<>();
        w.rows().forEach(r -> rows.add(Arrays.toString(r)));
        rows.sort(null);
        return rows;
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
