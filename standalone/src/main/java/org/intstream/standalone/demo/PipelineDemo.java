package org.intstream.standalone.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.merge.QueryCounters;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.controller.runtime.Placement;
import org.intstream.engine.source.RawFrame;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.placement.PlacementCost;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.softswitch.Softswitch;
import org.intstream.softswitch.engine.OutputPacket;
import org.intstream.standalone.server.ControllerServer;
import org.intstream.standalone.server.SwitchSpec;

/**
 * The whole pipeline in one JVM over a trace: a soft switch running intstream.p4 that the controller programs
 * over P4Runtime, one agent per host of the {@link DemoNetwork} streaming partial results over gRPC, and the
 * controller merging them. Every frame enters the switch at its sender's port (all ports are edge ports) and
 * reaches every agent, which keeps what its host observes. Placement is {@link Placement#SWITCH_FIRST}: a
 * query that allows estimates and whose stage fits a switch slot runs on the switch alone, the others at the
 * agents; so each packet is observed once per query.
 *
 * <p>The replay drives the switch's clock: at each epoch boundary it waits until the switch's reports have
 * reached the controller, moves the clock on and waits for the epoch's counters to be read, as a live
 * switch's seconds-long epochs allow.
 */
public final class PipelineDemo {
    public static final int HOSTS = 3;
    /** What a central collector needs of each packet: the 5-tuple and the length. */
    public static final int CENTRAL_TUPLE_BYTES = PlacementCost.CENTRAL_TUPLE_BYTES;
    /** The payload of one counter cell read: packets and bytes, 64 bits each. */
    public static final int COUNTER_CELL_BYTES = 16;
    private static final long WAIT_MILLIS = 30_000;

    /** What one query did in the pipeline. */
    public static final class QueryOutcome {
        public final String name;
        /** "switch s1, slot N" or "3 agents". */
        public final String placement;
        /** Merged windows by output: the query's name, or each side output of a split. */
        public final Map<String, List<MergedWindow>> outputs;
        /** Partial-result bytes received from agents, or, on the switch, the counter-read payload. */
        public final long bytesCrossing;
        /** Why the controller refused the query, or null when it ran. */
        public final String refusal;

        QueryOutcome(String name, String placement, Map<String, List<MergedWindow>> outputs, long bytesCrossing,
                String refusal) {
            this.refusal = refusal;
            this.name = name;
            this.placement = placement;
            this.outputs = outputs;
            this.bytesCrossing = bytesCrossing;
        }
    }

    /** Every merged window of the query, all outputs together. */
    static int windowCount(QueryOutcome q) {
        return q.outputs.values().stream().mapToInt(List::size).sum();
    }

    /** The whole run. */
    public static final class Outcome {
        public final long packets;
        /** The first frame's timestamp. */
        public final long firstMicros;
        public final List<QueryOutcome> queries;
        /** Report packet-ins the switch sent (one lists every slot that fired) and their bytes. */
        public final long switchReports;
        public final long switchReportBytes;
        public final long epochsRead;

        Outcome(long packets, long firstMicros, List<QueryOutcome> queries, long switchReports,
                long switchReportBytes, long epochsRead) {
            this.packets = packets;
            this.firstMicros = firstMicros;
            this.queries = queries;
            this.switchReports = switchReports;
            this.switchReportBytes = switchReportBytes;
            this.epochsRead = epochsRead;
        }

        /** What a central collector would need: each packet's tuple. */
        public long centralBytes() {
            return packets * CENTRAL_TUPLE_BYTES;
        }
    }

    private PipelineDemo() {
    }

    /** The parameters the demo gives: heavy_hitter's sketch rows of 1024 cells, the most a switch row holds. */
    public static final Map<String, Map<String, String>> PARAMETERS = Map.of("heavy_hitter",
            Map.of("sketch_width", "1024"));

    /**
     * Runs the queries (name to DSL text, with {@link #PARAMETERS}) over the frames, in timestamp order.
     *
     * @throws IOException when a server can't start
     * @throws IllegalStateException when a part of the pipeline stops answering
     */
    public static Outcome run(List<RawFrame> frames, Map<String, String> queries, Consumer<String> log)
            throws IOException, InterruptedException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("the trace has no frames");
        }
        DemoNetwork network = new DemoNetwork(HOSTS);
        long firstTs = frames.get(0).tsMicros;
        Softswitch.Options o = new Softswitch.Options();
        o.grpcPort = 0;
        o.deviceId = 1;
        o.cpuPort = IntStreamP4.CPU_PORT;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        AgentStreamer[] agents = new AgentStreamer[HOSTS];
        try (Softswitch sw = Softswitch.start(o);
                ControllerServer server = ControllerServer.start(ControllerSettings.defaults()
                        .withGraceMillis(600_000).withPlacement(Placement.SWITCH_FIRST),
                        loopback, 0, loopback, 0, 50, log)) {
            StringBuilder edges = new StringBuilder();
            for (int h = 0; h < HOSTS; h++) {
                edges.append(h == 0 ? "" : ",").append(DemoNetwork.portOf(h));
            }
            SwitchSpec spec = SwitchSpec.parse("s1=127.0.0.1:" + sw.grpcPort() + "@1").withEdgePorts(edges.toString())
                    .withClock(SwitchSpec.ClockMode.REPLAY, firstTs);
            // Installed just before the trace's first 10 s boundary, so every epoch of the trace of a switch query
            // (5 s and 10 s windows) is observed whole.
            long installMicros = Math.floorDiv(firstTs, 10_000_000L) * 10_000_000L - 1;
            AtomicLong clock = new AtomicLong(installMicros);
            SwitchRuntime s1 = server.addSwitch(spec, clock::get, 0);
            ControllerCore core = server.core();
            try {
                for (int h = 0; h < HOSTS; h++) {
                    agents[h] = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h" + h, "",
                            "h" + h + "/demo", Long.MIN_VALUE, 20, 500), network.host(h), () -> 0, log);
                }
                await("the agents to join", () -> core.agents().links().size() == HOSTS);
                Map<String, Long> switchWindows = new LinkedHashMap<>();
                Map<String, String> refused = new LinkedHashMap<>();
                int atAgents = 0;
                for (Map.Entry<String, String> q : queries.entrySet()) {
                    try {
                        core.queries().submit(q.getValue(), PARAMETERS.getOrDefault(q.getKey(), Map.of()));
                    } catch (QueryException e) {
                        refused.put(q.getKey(), e.getMessage());
                        continue;
                    }
                    if (s1.runs(q.getKey())) {
                        switchWindows.put(q.getKey(), SwitchStageExtractor.extract(
                                DslParser.parse(q.getValue()).get(0), PARAMETERS.getOrDefault(q.getKey(), Map.of()))
                                .windowMicros());
                    } else {
                        atAgents++;
                    }
                }
                for (AgentStreamer a : agents) {
                    if (!a.awaitInstalled(atAgents, WAIT_MILLIS)) {
                        throw new IllegalStateException("agent did not install the queries: " + a.failure());
                    }
                }
                long[] sent = new long[2];
                SwitchPacer pacer = new SwitchPacer(s1, clock, switchWindows, installMicros, core::tick);
                for (RawFrame f : frames) {
                    pacer.advanceTo(f.tsMicros, sent[0]);
                    int port = DemoNetwork.portOf(network.senderOf(f));
                    for (OutputPacket out : sw.device().receive(port, f.data, f.offset, f.capLen, f.wireLen,
                            f.tsMicros)) {
                        if (out.port() == o.cpuPort) {
                            sent[0]++;
                            sent[1] += out.data().length;
                        }
                    }
                    for (AgentStreamer a : agents) {
                        a.onFrame(f);
                        a.advanceTime(f.tsMicros);
                    }
                }
                pacer.finish(frames.get(frames.size() - 1).tsMicros, sent[0]);
                for (AgentStreamer a : agents) {
                    a.finish();
                }
                for (AgentStreamer a : agents) {
                    if (!a.awaitAllAcked(WAIT_MILLIS)) {
                        throw new IllegalStateException("the controller did not acknowledge every partial");
                    }
                }
                awaitQuiet(core);
                List<QueryOutcome> out = new ArrayList<>();
                Map<String, QueryCounters> counters = core.counters();
                for (String name : queries.keySet()) {
                    if (refused.containsKey(name)) {
                        out.add(new QueryOutcome(name, "not run", Map.of(), 0, refused.get(name)));
                        continue;
                    }
                    boolean onSwitch = switchWindows.containsKey(name);
                    long crossing = onSwitch
                            ? pacer.epochsRead(name) * (long) IntStreamP4.SLOT_COUNTER_CELLS * COUNTER_CELL_BYTES
                            : counters.get(name).bytesCrossing();
                    Map<String, List<MergedWindow>> windows = new LinkedHashMap<>();
                    for (String output : core.queries().get(name).resultSchemas().keySet()) {
                        windows.put(output, core.results().windows(output));
                    }
                    out.add(new QueryOutcome(name, onSwitch ? "switch s1, " + s1.queries().get(name)
                            : HOSTS + " agents", windows, crossing, null));
                }
                return new Outcome(frames.size(), firstTs, out, sent[0], sent[1], s1.epochsRead());
            } finally {
                for (AgentStreamer a : agents) {
                    if (a != null) {
                        a.close();
                    }
                }
            }
        }
    }

    /** Waits until no more windows are being published (every partial is in, so each window completes). */
    private static void awaitQuiet(ControllerCore core) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 100; i++) {
            core.tick();
            long published = 0;
            for (QueryCounters c : core.counters().values()) {
                published += c.windowsPublished();
            }
            if (published == last) {
                return;
            }
            last = published;
            Thread.sleep(100);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
