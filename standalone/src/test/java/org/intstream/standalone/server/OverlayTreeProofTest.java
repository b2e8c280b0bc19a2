package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.agent.tree.TreeConfig;
import org.intstream.agent.tree.TreeNode;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.exec.Engine;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.partition.PlanSplitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An overlay tree in one JVM over gRPC on loopback: a controller, a root agent (host 0 of a split capture) that
 * dials it, and two child agents (hosts 1 and 2) that dial the root. The controller sees one agent, the root,
 * whose partial per window merges its own and its children's; the results must equal the query run centrally
 * over the whole capture, window by window, with nothing counted twice through lost connections. A child killed
 * mid-window makes its windows go up partial, with the subtree's coverage in the window's notes.
 */
class OverlayTreeProofTest {
    private static final Path TRACES = Path.of("..", "tests", "src", "test", "resources", "traces");
    private static final Path QUERIES = Path.of("..", "queries");
    private static final int HOSTS = 3;
    private static final long WINDOW = 5_000_000L;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private ControllerServer server;
    private SplitCapture capture;
    private TreeNode root;
    private final TreeNode[] leaves = new TreeNode[HOSTS];
    private final AgentStreamer[] agents = new AgentStreamer[HOSTS];

    @AfterEach
    void stop() throws InterruptedException {
        for (int i = 0; i < HOSTS; i++) {
            if (agents[i] != null) {
                agents[i].close();
            }
            if (leaves[i] != null) {
                leaves[i].close();
            }
        }
        if (root != null) {
            root.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startController(long graceMillis, long ackIntervalMillis, PlanSplitter.Sides sides) throws IOException {
        server = ControllerServer.start(ControllerSettings.defaults().withToken("proof").withGraceMillis(graceMillis)
                        .withSides(sides), InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0,
                ackIntervalMillis, log::add);
    }

    /** The root (host 0) under the controller, and hosts 1 and 2 as its children. */
    private void startTree(long treeGraceMillis) throws Exception {
        root = TreeNode.start(TreeConfig.plain("root", "proof", InetAddress.getLoopbackAddress(), 0)
                .withGraceMillis(treeGraceMillis), log::add);
        agents[0] = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "root", "proof",
                "h0/eth0", Long.MIN_VALUE, 20, 500), capture.host(0), () -> 0, log::add, root);
        root.attach(agents[0]);
        for (int i = 1; i < HOSTS; i++) {
            startChild(i, Long.MIN_VALUE);
        }
        await("the root at the controller", () -> server.core().agents().links().size() == 1);
        await("two children at the root", () -> root.children().size() == 2);
    }

    private void startChild(int i, long observedFrom) throws IOException {
        leaves[i] = TreeNode.start(TreeConfig.leaf("c" + i), log::add);
        agents[i] = AgentStreamer.start(new StreamerConfig("127.0.0.1", root.port(), "c" + i, "proof", "h" + i + "/eth0",
                observedFrom, 20, 500), capture.host(i), () -> 0, log::add, leaves[i]);
        leaves[i].attach(agents[i]);
    }

    private void submit(Map<String, Map<String, String>> queries) throws Exception {
        ControllerClient client = new ControllerClient("http://127.0.0.1:" + server.httpPort());
        for (Map.Entry<String, Map<String, String>> q : queries.entrySet()) {
            client.submit(Files.readString(QUERIES.resolve(q.getKey() + ".isq")), q.getValue());
        }
        for (AgentStreamer a : agents) {
            assertThat(a.awaitInstalled(queries.size(), 10_000)).as("installed through the tree").isTrue();
        }
    }

    private void replay(int from, int to) {
        for (SplitCapture.Frame f : capture.frames.subList(from, to)) {
            for (AgentStreamer a : agents) {
                if (a != null) {
                    a.onFrame(f.raw());
                    a.advanceTime(f.ts);
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
                await("every partial acknowledged", () -> a.unacknowledged() == 0);
            }
        }
    }

    /** The query over the frames {@code keep} selects, in one engine: window start to sorted rows. */
    private static Map<Long, List<String>> central(String query, Map<String, String> params, SplitCapture capture,
            Predicate<SplitCapture.Frame> keep) throws IOException {
        Engine engine = new Engine(FunctionRegistry.builtins());
        engine.register(DslParser.parseQuery(Files.readString(QUERIES.resolve(query + ".isq"))), params);
        Map<Long, List<String>> out = new TreeMap<>();
        engine.addSink((info, batch) -> {
            for (Object[] row : batch.rows) {
                out.computeIfAbsent(batch.start, k -> new ArrayList<>()).add(Arrays.toString(row));
            }
        });
        capture.frames.stream().filter(keep).forEach(f -> engine.onFrame(f.raw()));
        engine.finish();
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    private Map<Long, List<String>> merged(String query) {
        Map<Long, List<String>> out = new TreeMap<>();
        for (MergedWindow w : server.core().results().windows(query)) {
            out.put(w.start(), sorted(w));
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    private static List<String> sorted(MergedWindow w) {
        List<String> rows = new ArrayList<>();
        w.rows().forEach(r -> rows.add(Arrays.toString(r)));
        rows.sort(null);
        return rows;
    }

    static Stream<String> traces() throws IOException {
        try (Stream<Path> files = Files.list(TRACES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap")).sorted().toList().stream();
        }
    }

    /** Point-local and merged queries at once over every shipped capture: the tree gives the central answer. */
    @ParameterizedTest
    @MethodSource("traces")
    void theControllerGetsTheCentralAnswerThroughTheTree(String trace) throws Exception {
        capture = new SplitCapture(TRACES.resolve(trace), HOSTS);
        Map<String, Map<String, String>> queries = Map.of("port_scan", Map.of(), "tcp_new_conn", Map.of(),
                "ddos", Map.of());
        startController(60_000, 50, ControllerSettings.SIDES_DEFAULT);
        startTree(60_000);
        submit(queries);
        replay(0, capture.frames.size());
        finishAndAwaitAcks();
        for (Map.Entry<String, Map<String, String>> q : queries.entrySet()) {
            assertThat(merged(q.getKey())).as(q.getKey() + " over " + trace)
                    .isEqualTo(central(q.getKey(), q.getValue(), capture, f -> true));
            assertThat(server.core().results().windows(q.getKey())).as(q.getKey()).allSatisfy(w -> {
                assertThat(w.coverage()).isEqualTo("1/1");
                assertThat(w.expected()).containsExactly("root");
                assertThat(w.partial()).isFalse();
            });
            assertThat(server.core().counters().get(q.getKey()).partialsDuplicate()).isZero();
        }
    }

    /**
     * Two levels: host 2 is a child of host 1, itself a child of the root. Host 1 merges host 2's windows with
     * its own and sends them up with their coverage; the root merges again; the answer is still central.
     */
    @Test
    void aTwoLevelTreeGivesTheCentralAnswer() throws Exception {
        capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), HOSTS);
        Map<String, Map<String, String>> queries = Map.of("tcp_new_conn", Map.of("threshold", "10"),
                "ddos", Map.of(), "syn_flood", Map.of("threshold", "10"));
        startController(60_000, 50, PlanSplitter.Sides.SENDER);
        root = TreeNode.start(TreeConfig.plain("root", "proof", InetAddress.getLoopbackAddress(), 0), log::add);
        agents[0] = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "root", "proof",
                "h0/eth0", Long.MIN_VALUE, 20, 500), capture.host(0), () -> 0, log::add, root);
        root.attach(agents[0]);
        leaves[1] = TreeNode.start(TreeConfig.plain("c1", "proof", InetAddress.getLoopbackAddress(), 0), log::add);
        agents[1] = AgentStreamer.start(new StreamerConfig("127.0.0.1", root.port(), "c1", "proof", "h1/eth0",
                Long.MIN_VALUE, 20, 500), capture.host(1), () -> 0, log::add, leaves[1]);
        leaves[1].attach(agents[1]);
        leaves[2] = TreeNode.start(TreeConfig.leaf("c2"), log::add);
        agents[2] = AgentStreamer.start(new StreamerConfig("127.0.0.1", leaves[1].port(), "c2", "proof", "h2/eth0",
                Long.MIN_VALUE, 20, 500), capture.host(2), () -> 0, log::add, leaves[2]);
        leaves[2].attach(agents[2]);
        await("c1 at the root and c2 at c1", () -> root.children().equals(java.util.Set.of("c1"))
                && leaves[1].children().equals(java.util.Set.of("c2")));
        submit(queries);
        replay(0, capture.frames.size());
        finishAndAwaitAcks();
        for (Map.Entry<String, Map<String, String>> q : queries.entrySet()) {
            Map<Long, List<String>> expected = central(q.getKey(), q.getValue(), capture, f -> true);
            assertThat(expected).as("the central run of %s finds something", q.getKey()).isNotEmpty();
            assertThat(merged(q.getKey())).as(q.getKey()).isEqualTo(expected);
            assertThat(server.core().results().windows(q.getKey())).allSatisfy(w -> assertThat(w.partial()).isFalse());
        }
    }

    /**
     * Observed at the senders, syn_flood and tcp_new_conn merge counts network-wide: the root adds its children's
     * counts per key before anything goes up, and the controller's thresholds see the subtree's sums.
     */
    @Test
    void mergedCountsAddUpInTheTreeBeforeTheControllersThreshold() throws Exception {
        capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), HOSTS);
        Map<String, Map<String, String>> queries = Map.of("tcp_new_conn", Map.of("threshold", "10"),
                "syn_flood", Map.of("threshold", "10"), "ddos", Map.of());
        startController(60_000, 50, PlanSplitter.Sides.SENDER);
        startTree(60_000);
        submit(queries);
        replay(0, capture.frames.size());
        finishAndAwaitAcks();
        for (Map.Entry<String, Map<String, String>> q : queries.entrySet()) {
            assertThat(server.core().queries().get(q.getKey()).plan().mode()).isEqualTo(DistributedPlan.Mode.MERGE);
            Map<Long, List<String>> expected = central(q.getKey(), q.getValue(), capture, f -> true);
            assertThat(expected).as("the central run finds something").isNotEmpty();
            assertThat(merged(q.getKey())).as(q.getKey()).isEqualTo(expected);
        }
    }

    /**
     * A child's stream to the root and the root's stream to the controller are both cut mid-stream: each resends
     * what was not acknowledged, the root's merge and the controller each take a window once, and the answer is
     * still the central one.
     */
    @Test
    void lostConnectionsInTheTreeResendAndNothingIsCountedTwice() throws Exception {
        String query = "tcp_new_conn";
        Map<String, String> params = Map.of("threshold", "10");
        capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), HOSTS);
        // The controller acknowledges only when the test flushes, so the root has partials in flight.
        startController(60_000, 3_600_000, PlanSplitter.Sides.SENDER);
        startTree(60_000);
        submit(Map.of(query, params));
        int half = intoSecondWindow(capture);
        replay(0, half);
        await("the root sent a merged partial", () -> agents[0].partialsSent() > 0);
        long rootCut = agents[0].partialsCut();
        await("the controller took it", () -> server.core().counters().get(query).partialsAccepted() >= rootCut);
        assertThat(agents[1].unacknowledged()).as("a child's windows wait for the controller's ack").isPositive();

        assertThat(root.disconnect("c1")).isTrue();
        assertThat(server.disconnect("root")).isTrue();
        await("c1 back at the root", () -> agents[1].connections() == 2 && root.children().size() == 2);
        await("the root back at the controller", () -> agents[0].connections() == 2
                && server.core().agents().links().size() == 1);
        replay(half, capture.frames.size());
        for (AgentStreamer a : agents) {
            a.finish();
        }
        await("every partial acknowledged", () -> {
            server.flushAcks();
            return Arrays.stream(agents).allMatch(a -> a.unacknowledged() == 0);
        });

        assertThat(merged(query)).isEqualTo(central(query, params, capture, f -> true));
        assertThat(server.core().results().windows(query)).allSatisfy(w -> assertThat(w.partial()).isFalse());
        assertThat(server.core().counters().get(query).partialsDuplicate())
                .as("the root's windows sent before the drop came again and were dropped").isEqualTo(rootCut);
    }

    /**
     * A child killed inside a window: the root waits for it as long as its grace, then sends the window up
     * marked incomplete with the subtree's coverage; the controller publishes it partial. Windows the child had
     * reported are whole; later ones hold exactly the other two hosts' packets, none twice.
     */
    @Test
    void aChildKilledMidWindowMakesItsWindowsPartialWithTheSubtreesCoverage() throws Exception {
        String query = "tcp_new_conn";
        Map<String, String> params = Map.of("threshold", "10");
        capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), HOSTS);
        startController(60_000, 20, PlanSplitter.Sides.SENDER);
        startTree(300);
        submit(Map.of(query, params));
        int kill = intoSecondWindow(capture);
        replay(0, kill);
        await("c2's first window taken", () -> agents[2].unacknowledged() == 0 && agents[2].partialsCut() > 0);
        long lastFromC2 = lastWindowBefore(capture.frames.get(kill).ts);
        agents[2].close();
        agents[2] = null;
        replay(kill, capture.frames.size());
        finishAndAwaitAcks();
        long last = Math.floorDiv(capture.frames.get(capture.frames.size() - 1).ts, WINDOW) * WINDOW;
        await("the windows without c2 published", () -> {
            List<MergedWindow> ws = server.core().results().windows(query);
            return !ws.isEmpty() && ws.get(ws.size() - 1).start() == last;
        });

        ObservationPoint point = server.core().queries().get(query).plan().point();
        Map<Long, List<String>> all = central(query, params, capture, f -> true);
        Map<Long, List<String>> withoutC2 = central(query, params, capture, f -> f.owner(point) != 2);
        List<MergedWindow> windows = server.core().results().windows(query);
        assertThat(windows).anyMatch(MergedWindow::partial);
        for (MergedWindow w : windows) {
            assertThat(w.expected()).containsExactly("root");
            if (w.start() <= lastFromC2) {
                assertThat(w.partial()).as("window %d, before the kill", w.start()).isFalse();
                assertThat(sorted(w)).isEqualTo(all.getOrDefault(w.start(), List.of()));
            } else {
                assertThat(w.partial()).as("window %d, after the kill", w.start()).isTrue();
                assertThat(w.coverage()).isEqualTo("0/1");
                assertThat(w.notes()).contains("subtree of root: 2/3 points complete; missing or incomplete: c2");
                assertThat(sorted(w)).as("window %d", w.start()).isEqualTo(withoutC2.getOrDefault(w.start(), List.of()));
            }
        }
        assertThat(server.core().counters().get(query).partialsDuplicate()).isZero();
    }

    /**
     * The root restarted inside a window, on the same port: its children reconnect before it reaches the
     * controller, so it has nothing to install and they drop their stages; when the installs come down again
     * they start them knowing they missed packets. The window of the restart is published partial with every
     * point incomplete, and every other window is whole and central, none counted twice.
     */
    @Test
    void aRootRestartedMidWindowLeavesThatWindowPartialAndCountsNothingTwice() throws Exception {
        String query = "tcp_new_conn";
        Map<String, String> params = Map.of("threshold", "10");
        capture = new SplitCapture(TRACES.resolve("hping-flood-spoofed.pcap"), HOSTS);
        startController(60_000, 20, PlanSplitter.Sides.SENDER);
        startTree(300);
        submit(Map.of(query, params));
        int restart = intoSecondWindow(capture);
        replay(0, restart);
        await("the first window taken", () -> Arrays.stream(agents).allMatch(a -> a.unacknowledged() == 0)
                && !server.core().results().windows(query).isEmpty());
        int port = root.port();
        agents[0].close();
        root.close();
        root = TreeNode.start(new TreeConfig("root", "proof", InetAddress.getLoopbackAddress(), port, 300,
                TreeConfig.FORGET_MILLIS_DEFAULT, TreeConfig.API_BUDGET_MILLIS_DEFAULT, null, null), log::add);
        await("the children back at the new root", () -> root.children().size() == 2);
        await("their stages dropped", () -> agents[1].installed().isEmpty() && agents[2].installed().isEmpty());
        long restartedAt = capture.frames.get(restart).ts;
        agents[0] = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "root", "proof",
                "h0/eth0", restartedAt, 20, 500), capture.host(0), () -> 0, log::add, root);
        root.attach(agents[0]);
        for (AgentStreamer a : agents) {
            assertThat(a.awaitInstalled(1, 10_000)).isTrue();
        }
        replay(restart, capture.frames.size());
        finishAndAwaitAcks();
        long last = Math.floorDiv(capture.frames.get(capture.frames.size() - 1).ts, WINDOW) * WINDOW;
        await("every window published", () -> {
            List<MergedWindow> ws = server.core().results().windows(query);
            return ws.get(ws.size() - 1).start() == last;
        });

        long restartWindow = Math.floorDiv(restartedAt, WINDOW) * WINDOW;
        Map<Long, List<String>> all = central(query, params, capture, f -> true);
        for (MergedWindow w : server.core().results().windows(query)) {
            if (w.start() == restartWindow) {
                assertThat(w.partial()).as("the window of the restart").isTrue();
                assertThat(w.notes()).contains("subtree of root: 0/3 points complete; missing or incomplete: c1, c2, root");
            } else {
                assertThat(w.partial()).as("window %d", w.start()).isFalse();
                assertThat(sorted(w)).as("window %d", w.start()).isEqualTo(all.getOrDefault(w.start(), List.of()));
            }
        }
        assertThat(server.core().results().windows(query)).extracting(MergedWindow::start).contains(restartWindow);
    }

    /** The start of the last window that ends at or before {@code ts}: the last one every agent has closed. */
    private static long lastWindowBefore(long ts) {
        return Math.floorDiv(ts, WINDOW) * WINDOW - WINDOW;
    }

    /** A frame one second into the capture's second 5 s window: every agent has closed the first by then. */
    private static int intoSecondWindow(SplitCapture capture) {
        long second = Math.floorDiv(capture.frames.get(0).ts, WINDOW) * WINDOW + WINDOW;
        for (int i = 0; i < capture.frames.size(); i++) {
            if (capture.frames.get(i).ts >= second + 1_000_000L) {
                return i;
            }
        }
        throw new AssertionError("the capture is shorter than two windows");
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
