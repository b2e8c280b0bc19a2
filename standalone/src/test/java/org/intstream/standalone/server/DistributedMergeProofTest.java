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
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.query.QueryDefinition;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.ObservationPoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queries the planner used to run centrally, run by a controller and three agents over gRPC on loopback
 * (as in {@link DistributedRuntimeProofTest}): each agent runs the local stage over the packets its
 * observation point gives it, and the controller's merged result of every window equals the query run
 * centrally over the whole capture — for {@code sketch_gen} the count-min sketch cell by cell, its total,
 * shape and bound, for {@code split_processing} both side outputs.
 */
class DistributedMergeProofTest {
    private static final Path TRACES = Path.of("..", "tests", "src", "test", "resources", "traces");
    private static final Path QUERIES = Path.of("..", "queries");
    private static final int AGENTS = 3;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AgentStreamer[] agents = new AgentStreamer[AGENTS];
    private ControllerServer server;
    private SplitCapture capture;

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

    /** Starts the controller and the agents, submits the query, replays the capture and waits for every ack. */
    private void runDistributed(String trace, String queryText) throws Exception {
        runDistributed(trace, queryText, Map.of());
    }

    private void runDistributed(String trace, String queryText, Map<String, String> params) throws Exception {
        capture = new SplitCapture(TRACES.resolve(trace), AGENTS);
        server = ControllerServer.start(ControllerSettings.defaults().withToken("proof").withGraceMillis(60_000),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, log::add);
        for (int i = 0; i < AGENTS; i++) {
            agents[i] = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h" + i, "proof",
                    "h" + i + "/eth0", Long.MIN_VALUE, 20, 500), capture.host(i), () -> 0, log::add);
        }
        await("three agents", () -> server.core().agents().links().size() == AGENTS);
        new ControllerClient("http://127.0.0.1:" + server.httpPort()).submit(queryText, params);
        for (AgentStreamer a : agents) {
            assertThat(a.awaitInstalled(1, 10_000)).as("installed").isTrue();
        }
        for (SplitCapture.Frame f : capture.frames) {
            for (AgentStreamer a : agents) {
                a.onFrame(f.raw());
                a.advanceTime(f.ts);
            }
        }
        for (AgentStreamer a : agents) {
            a.finish();
        }
        for (AgentStreamer a : agents) {
            await("every partial acknowledged", () -> {
                server.flushAcks();
                return a.unacknowledged() == 0;
            });
        }
    }

    /** The queries of the text over the whole capture in one engine: per output, window start to its rows. */
    private Map<String, Map<Long, List<Object[]>>> central(String queryText) {
        return central(queryText, Map.of());
    }

    private Map<String, Map<Long, List<Object[]>>> central(String queryText, Map<String, String> params) {
        Engine engine = new Engine(FunctionRegistry.builtins());
        for (QueryDefinition q : DslParser.parse(queryText)) {
            Map<String, String> declared = new TreeMap<>(params);
            declared.keySet().removeIf(k -> q.parameter(k) == null);
            engine.register(q, declared);
        }
        Map<String, Map<Long, List<Object[]>>> out = new TreeMap<>();
        engine.addSink((info, batch) -> out.computeIfAbsent(info.output(), o -> new TreeMap<>())
                .computeIfAbsent(batch.start, s -> new ArrayList<>()).addAll(batch.rows));
        capture.frames.forEach(f -> engine.onFrame(f.raw()));
        engine.finish();
        return out;
    }

    private Map<Long, List<Object[]>> merged(String output) {
        Map<Long, List<Object[]>> out = new TreeMap<>();
        for (MergedWindow w : server.core().results().windows(output)) {
            assertThat(w.coverage()).as("%s window %d", output, w.start()).isEqualTo("3/3");
            if (!w.rows().isEmpty()) {
                out.put(w.start(), new ArrayList<>(w.rows()));
            }
        }
        return out;
    }

    private static Map<Long, List<String>> text(Map<Long, List<Object[]>> windows) {
        Map<Long, List<String>> out = new TreeMap<>();
        windows.forEach((start, rows) -> {
            List<String> t = new ArrayList<>();
            rows.forEach(r -> t.add(Arrays.toString(r)));
            t.sort(null);
            out.put(start, t);
        });
        return out;
    }

    /** The skewed load's heavy sources, and the demo's many sources of equal counts at the top keys' cut. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"skewed-load.pcap", "../../../../../queries/demo/demo.pcap"})
    void sketchGenSummedFromThreeAgentsIsTheCentralSketchCellByCell(String trace) throws Exception {
        String text = Files.readString(QUERIES.resolve("sketch_gen.isq"));
        runDistributed(trace, text);
        DeployedQuery q = server.core().queries().get("sketch_gen");
        assertThat(q.plan().mode()).isEqualTo(DistributedPlan.Mode.MERGE);
        assertThat(q.plan().sumsSketches()).isTrue();
        int[] perAgent = capture.counts(ObservationPoint.PACKET_AT_SENDER);
        assertThat(Arrays.stream(perAgent).filter(n -> n > 0).count()).as("several agents sketch packets").isGreaterThan(1);

        Map<Long, List<Object[]>> expected = central(text).get("sketch_gen");
        Map<Long, List<Object[]>> actual = merged("sketch_gen");
        assertThat(expected).as("the central run sketches something").isNotEmpty();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        int sameTop = 0;
        for (Long start : expected.keySet()) {
            Object[] c = expected.get(start).get(0);
            Object[] m = actual.get(start).get(0);
            assertThat(actual.get(start)).hasSize(1);
            // total, rows, width, error bound, confidence
            assertThat(Arrays.copyOfRange(m, 0, 5)).as("window %d", start).containsExactly(Arrays.copyOfRange(c, 0, 5));
            SketchValue cs = (SketchValue) c[6];
            SketchValue ms = (SketchValue) m[6];
            assertThat(ms.cells()).as("window %d, cell by cell", start).isDeepEqualTo(cs.cells());
            assertThat(ms.total()).isEqualTo(cs.total());
            assertThat(ms.fieldWidths()).containsExactly(cs.fieldWidths());
            // The top keys are estimates of the same sketch: the same estimates, heaviest first, and a key both
            // list has the same one. Keys of equal estimate may be listed in another order, or, at the cut,
            // others of that estimate (a single engine keeps the first it saw; the sum every point's).
            assertThat(estimates(m[5])).as("top estimates in window %d", start).isEqualTo(estimates(c[5]));
            Map<String, String> mergedTop = topKeys(m[5]);
            topKeys(c[5]).forEach((key, estimate) -> {
                if (mergedTop.containsKey(key)) {
                    assertThat(mergedTop.get(key)).as("estimate of %s in window %d", key, start).isEqualTo(estimate);
                }
            });
            for (Map.Entry<String, String> e : mergedTop.entrySet()) {
                assertThat(Long.parseLong(e.getValue())).as("%s in window %d", e.getKey(), start)
                        .isEqualTo(ms.estimate(org.intstream.query.type.IpAddress.parse(e.getKey()).v4Bits() & 0xFFFFFFFFL));
            }
            sameTop += mergedTop.keySet().equals(topKeys(c[5]).keySet()) ? 1 : 0;
        }
        assertThat(sameTop).as("windows listing the very keys central lists").isPositive();
    }

    private static Map<String, String> topKeys(Object top) {
        Map<String, String> out = new TreeMap<>();
        for (Object e : (List<?>) top) {
            String s = (String) e;
            out.put(s.substring(0, s.lastIndexOf('=')), s.substring(s.lastIndexOf('=') + 1));
        }
        return out;
    }

    private static List<Long> estimates(Object top) {
        List<Long> out = new ArrayList<>();
        for (Object e : (List<?>) top) {
            String s = (String) e;
            out.add(Long.parseLong(s.substring(s.lastIndexOf('=') + 1)));
        }
        return out;
    }

    @Test
    void splitProcessingSideOutputsAddedUpFromThreeAgentsEqualCentral() throws Exception {
        String text = Files.readString(QUERIES.resolve("split_processing.isq"));
        runDistributed("mixed-v4v6.pcap", text);
        DeployedQuery q = server.core().queries().get("split_processing");
        assertThat(q.plan().mode()).isEqualTo(DistributedPlan.Mode.MERGE);
        assertThat(q.resultSchemas().keySet()).containsExactly("split_processing.tcp", "split_processing.udp");

        Map<String, Map<Long, List<Object[]>>> expected = central(text);
        for (String output : List.of("split_processing.tcp", "split_processing.udp")) {
            assertThat(expected.get(output)).as(output).isNotEmpty();
            assertThat(text(merged(output))).as(output).isEqualTo(text(expected.get(output)));
        }
        assertThat(text(expected.get("split_processing.udp")).values()).as("UDP packets are counted somewhere")
                .anyMatch(rows -> !rows.equals(List.of("[0]")));
        // Over REST, each side output by its name; the split's own name says which there are.
        ControllerClient client = new ControllerClient("http://127.0.0.1:" + server.httpPort());
        com.fasterxml.jackson.databind.JsonNode udp = client.results("split_processing.udp", 1000);
        assertThat(udp.get("columns").toString()).isEqualTo("[\"udp\"]");
        assertThat(udp.get("windows").size()).isEqualTo(server.core().results().windows("split_processing.udp").size());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.results("split_processing", 10))
                .hasMessageContaining("split_processing.tcp, split_processing.udp");
    }

    /**
     * tcp_retransmission submitted after tcp_rtt, whose rows it joins: both are final at the connection's
     * client, so the agents run both and the join, and only the joined rows of flows over the threshold cross.
     */
    @Test
    void tcpRetransmissionJoinedWithTcpRttAtTheClientsEqualsCentral() throws Exception {
        String text = Files.readString(QUERIES.resolve("tcp_rtt.isq")) + "\n"
                + Files.readString(QUERIES.resolve("tcp_retransmission.isq"));
        Map<String, String> params = Map.of("threshold", "2");
        runDistributed("iperf-loss.pcap", text, params);
        DeployedQuery q = server.core().queries().get("tcp_retransmission");
        assertThat(q.plan().point()).isEqualTo(ObservationPoint.CONNECTION_AT_CLIENT);
        assertThat(q.plan().localReads()).containsExactly("tcp_rtt");
        assertThat(q.plan().global().toString()).doesNotContain("Join");

        Map<Long, List<Object[]>> expected = central(text, params).get("tcp_retransmission");
        assertThat(expected).as("the central run finds retransmitting flows").isNotEmpty();
        assertThat(expected.values()).as("with their RTT samples joined")
                .anyMatch(rows -> rows.stream().anyMatch(r -> (Long) r[8] > 0));
        assertThat(text(merged("tcp_retransmission"))).isEqualTo(text(expected));
    }

    @Test
    void aQueryReadingAnotherAtTheControllerIsRefusedWithTheReason() throws Exception {
        capture = new SplitCapture(TRACES.resolve("iperf-loss.pcap"), AGENTS);
        server = ControllerServer.start(ControllerSettings.defaults(), InetAddress.getLoopbackAddress(), 0,
                InetAddress.getLoopbackAddress(), 0, 50, log::add);
        ControllerClient client = new ControllerClient("http://127.0.0.1:" + server.httpPort());
        String alone = Files.readString(QUERIES.resolve("tcp_retransmission.isq"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.submit(alone, Map.of()))
                .hasMessageContaining("tcp_rtt");
    }

    static java.util.stream.Stream<String> traces() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(TRACES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap")).sorted().toList().stream();
        }
    }

    /**
     * syn_flood's points leave out destinations whose counts are all zero (the threshold drops them anyway):
     * with the lowest threshold, over every shipped capture, the merge still gives the central answer.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("traces")
    void synFloodWithoutZeroCountsEqualsCentral(String trace) throws Exception {
        String text = Files.readString(QUERIES.resolve("syn_flood.isq"));
        Map<String, String> params = Map.of("threshold", "0");
        runDistributed(trace, text, params);
        assertThat(server.core().queries().get("syn_flood").plan().local().toString()).contains("!= 0");
        Map<Long, List<Object[]>> expected = central(text, params).getOrDefault("syn_flood", Map.of());
        expected.values().removeIf(List::isEmpty);
        assertThat(text(merged("syn_flood"))).as(trace).isEqualTo(text(expected));
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
