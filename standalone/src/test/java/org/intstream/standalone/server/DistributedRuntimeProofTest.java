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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A controller and three agents in one JVM, over gRPC on loopback: each agent replays a different third of a
 * real capture (split by source address, so each packet is at one agent), and the merged results must equal
 * the same query run centrally over the whole capture. Then lost connections, a killed agent and a
 * restarted one.
 */
class DistributedRuntimeProofTest {
    private static final Path TRACES = Path.of("..", "tests", "src", "test", "resources", "traces");
    private static final Path QUERIES = Path.of("..", "queries");
    private static final int AGENTS = 3;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private ControllerServer server;
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

    private void startController(long graceMillis, long ackIntervalMillis) throws IOException {
        server = ControllerServer.start(ControllerSettings.defaults().withToken("proof").withGraceMillis(graceMillis),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, ackIntervalMillis, log::add);
    }

    private AgentStreamer agent(int i, long observedFrom) {
        return AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h" + i, "proof", "h" + i + "/eth0",
                observedFrom, 20, 500), () -> 0, log::add);
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

    /** Each frame to its owner; the others' clocks move on with it. */
    private void replay(SplitCapture capture, int from, int to) {
        for (SplitCapture.Frame f : capture.frames.subList(from, to)) {
            for (int i = 0; i < AGENTS; i++) {
                if (agents[i] == null) {
                    continue;
                }
                if (f.owner == i) {
                    agents[i].onFrame(f.raw());
                } else {
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
        SplitCapture capture = new SplitCapture(TRACES.resolve(trace), AGENTS);
        startController(60_000, 50);
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
        SplitCapture capture = new SplitCapture(TRACES.resolve(trace), AGENTS);
        Map<String, Map<String, String>> queries = Map.of("port_scan", Map.of(), "tcp_new_conn", Map.of(),
                "ddos", Map.of());
        startController(60_000, 50);
        startAgentsAndSubmit(queries);
        replay(capture, 0, capture.frames.size());
        finishAndAwaitAcks();
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

    /** Per 5 s window and destination, the most SYNs (without ACK) one agent sees, and all agents together. */
    private static long[] synsPerAgentAndTotal(SplitCapture capture) {
        Map<String, long[]> counts = new HashMap<>();
        for (SplitCapture.Frame f : capture.frames) {
            Packet p = f.packet;
            if (p.ipVersion == 4 && p.ipProto == 6 && (p.tcpFlags & 0x12) == 0x02) {
                String key = Math.floorDiv(f.ts, 5_000_000L) + "/" + p.ip4Dst;
                counts.computeIfAbsent(key, k -> new long[AGENTS + 1])[f.owner]++;
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
        SplitCapture capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
        long[] syns = synsPerAgentAndTotal(capture);
        assertThat(syns[1]).as("the sum is above what any agent sees").isGreaterThan(syns[0]);
        // conns > threshold: no agent's count passes it, the network-wide sum does.
        runAndCompare("tcp_new_conn", "hping-flood-spoofed.pcap", Map.of("threshold", Long.toString(syns[0])));
    }

    @Test
    void ddosMergedEqualsCentralThoughEachAgentSeesFewerThanTheThreshold() throws Exception {
        SplitCapture capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
        Map<String, Set<Integer>[]> sources = new HashMap<>();
        for (SplitCapture.Frame f : capture.frames) {
            if (f.packet.ipVersion == 4) {
                @SuppressWarnings("unchecked")
                Set<Integer>[] s = sources.computeIfAbsent(Math.floorDiv(f.ts, 10_000_000L) + "/" + f.packet.ip4Dst,
                        k -> new Set[] {new HashSet<>(), new HashSet<>(), new HashSet<>()});
                s[f.owner].add(f.packet.ip4Src);
            }
        }
        int mostAtOneAgent = sources.values().stream().flatMap(Arrays::stream).mapToInt(Set::size).max().orElse(0);
        assertThat(mostAtOneAgent).as("no agent alone sees more than ddos's 100 sources").isLessThanOrEqualTo(100);
        runAndCompare("ddos", "hping-flood-spoofed.pcap", Map.of());
    }

    @Test
    void aDroppedConnectionResendsUnacknowledgedWindowsAndNothingIsCountedTwice() throws Exception {
        String query = "tcp_new_conn";
        Map<String, String> params = Map.of("threshold", "10");
        SplitCapture capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
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
        SplitCapture capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
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
        SplitCapture capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), AGENTS);
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
