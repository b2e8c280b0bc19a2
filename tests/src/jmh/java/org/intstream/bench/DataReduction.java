package org.intstream.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.agent.stream.PartialHeaderEncoder;
import org.intstream.agent.stream.PartialRows;
import org.intstream.agent.stream.SketchPartials;
import org.intstream.engine.eval.ExprCompiler;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.EngineConfig;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.source.PcapReader;
import org.intstream.engine.source.RawFrame;
import org.intstream.proto.agent.Partial;
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.partition.PlanSplitter;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.SketchColumns;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;
import org.intstream.standalone.run.QueryLoader;

/**
 * How much of the traffic's information crosses into the global stage, per shipped application: the
 * shipped demo capture repeated to a million packets (copies with their own addresses, capture timing), the
 * packets shared among three agents as the query's observation points would see them (by source or
 * destination address, or by the connection's address pair for TCP analyses), each agent running the query's
 * local stage (and the queries it joins at the point) and sending one {@code Partial} message per window of
 * the trace, rows or none, as {@code intstream agent} does, over one stream per agent (so each header leaves
 * out what the stream's earlier ones said). Crossing bytes are those messages' protobuf sizes; a central
 * collector would need each packet's 5-tuple and length (15 bytes).
 *
 * <pre>
 *   mvn -B -Pbench -pl tests -am -DskipTests package
 *   java -cp tests/target/benchmarks.jar org.intstream.bench.DataReduction [packets]
 * </pre>
 */
public final class DataReduction {
    private static final int AGENTS = 3;
    private static final int TUPLE_BYTES = 15;

    private DataReduction() {
    }

    public static void main(String[] args) throws IOException {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        byte[] trace = EngineBench.repeated(Path.of("queries/demo/demo.pcap"), packets, 0);
        for (PlanSplitter.Sides sides : PlanSplitter.Sides.values()) {
            System.out.printf("%nobservation: %s, %d packets, %d agents%n", sides.name().toLowerCase().replace('_', ' '),
                    packets, AGENTS);
            System.out.printf("%-20s %-11s %-21s %7s %10s %9s %9s %9s %10s%n", "application", "mode", "point", "rows",
                    "crossing", "of rows", "of notes", "messages", "reduction");
            double sum = 0;
            int counted = 0;
            Map<String, long[]> byQuery = new java.util.LinkedHashMap<>();
            Map<String, DistributedPlan> plans = new java.util.LinkedHashMap<>();
            // The shipped queries run together, so a join with another's rows may run at the point.
            Map<String, LogicalPlan> bound = new java.util.LinkedHashMap<>();
            for (String name : QueryLoader.SHIPPED) {
                bound.put(name, ParameterBinder.bind(QueryLoader.shipped(name), Map.of()));
            }
            for (String name : QueryLoader.SHIPPED) {
                DistributedPlan plan = PlanSplitter.split(name, bound.get(name), sides, bound);
                plans.put(name, plan);
                byQuery.put(name, plan.mode() == DistributedPlan.Mode.CENTRAL
                        ? new long[] {0, (long) packets * TUPLE_BYTES, 0, 0, 0} : runLocal(plan, bound, trace));
            }
            for (String name : QueryLoader.SHIPPED) {
                DistributedPlan plan = plans.get(name);
                long central = (long) packets * TUPLE_BYTES;
                long[] own = byQuery.get(name);
                long rows = own[0];
                long crossing = own[1];
                long rowBytes = own.length > 2 ? own[2] : 0;
                long noteBytes = own.length > 3 ? own[3] : 0;
                long messages = own.length > 4 ? own[4] : 0;
                // A global stage that reads another query's output (tcp_retransmission joins tcp_rtt) needs that
                // query's rows to cross too.
                for (String other : scannedQueries(plan.global())) {
                    if (byQuery.containsKey(other)) {
                        long[] o = byQuery.get(other);
                        rows += o[0];
                        crossing += o[1];
                        rowBytes += o[2];
                        noteBytes += o[3];
                        messages += o[4];
                    }
                }
                double reduction = 1 - (double) crossing / central;
                if (!name.equals("tcp_rtt")) { // a part of tcp_retransmission, not an application
                    sum += reduction;
                    counted++;
                }
                System.out.printf("%-20s %-11s %-21s %7d %10d %9d %9d %9d %9.2f%%%n", name,
                        plan.mode().name().toLowerCase(), plan.point().name().toLowerCase(), rows, crossing, rowBytes,
                        noteBytes, messages, 100 * reduction);
            }
            System.out.printf("%-20s %-11s %-21s %7s %10s %9s %9s %9s %9.2f%%%n", "average of " + counted, "", "", "",
                    "", "", "", "", 100 * sum / counted);
        }
    }

    /** The other queries a global stage reads (not packets, not its own partial stream). */
    private static List<String> scannedQueries(org.intstream.query.plan.LogicalPlan plan) {
        List<String> out = new ArrayList<>();
        if (plan instanceof org.intstream.query.plan.ScanNode) {
            org.intstream.query.plan.ScanNode scan = (org.intstream.query.plan.ScanNode) plan;
            if (!scan.isPackets() && !scan.stream().endsWith(".partials")) {
                out.add(scan.stream());
            }
        }
        for (org.intstream.query.plan.LogicalPlan in : plan.inputs()) {
            out.addAll(scannedQueries(in));
        }
        return out;
    }

    /**
     * Rows and Partial bytes the agents send for one query's local stage: as {@code LocalStage} does, every
     * agent reports every window from the trace's first to its last (with no rows when nothing reached it),
     * with the packets and bytes its stage saw there, the window's notes and whether it is approximate.
     */
    private static long[] runLocal(DistributedPlan plan, Map<String, LogicalPlan> bound, byte[] trace)
            throws IOException {
        List<Engine> agents = new ArrayList<>();
        List<Map<Long, WindowBatch>> batches = new ArrayList<>();
        List<Map<Long, long[]>> seen = new ArrayList<>();
        String output = plan.query() + "_local";
        QueryDefinition local = new QueryDefinition(output, List.of(), plan.local(), "");
        for (int a = 0; a < AGENTS; a++) {
            Engine e = new Engine(FunctionRegistry.builtins(), EngineConfig.defaults(), new PointTable());
            for (String other : plan.localReads()) {
                e.register(new QueryDefinition(other, List.of(), bound.get(other), ""), Map.of());
            }
            e.register(local, Map.of());
            Map<Long, WindowBatch> mine = new java.util.HashMap<>();
            e.addSink((info, batch) -> {
                if (info.output().equals(output)) {
                    mine.put(batch.start, batch);
                }
            });
            agents.add(e);
            batches.add(mine);
            seen.add(new java.util.HashMap<>());
        }
        long window = windowMicros(plan.local());
        int topColumn = plan.sumsSketches() ? agents.get(0).outputs().get(output).indexOf(SketchColumns.TOP) : -1;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        ObservationPoint point = plan.point();
        try (PcapReader reader = PcapReader.fromBytes("reduction", trace)) {
            RawFrame f = new RawFrame();
            while (reader.next(f)) {
                int a = agentOf(f, point);
                agents.get(a).onFrame(f);
                long[] c = seen.get(a).computeIfAbsent(Math.floorDiv(f.tsMicros, window) * window, k -> new long[2]);
                c[0]++;
                c[1] += f.wireLen;
                first = Math.min(first, f.tsMicros);
                last = Math.max(last, f.tsMicros);
            }
        }
        // rows, message bytes, bytes of the rows in them, of the notes, messages
        long[] totals = new long[5];
        for (int a = 0; a < AGENTS; a++) {
            agents.get(a).finish();
            // Each agent's one stream: its partials leave out what the stream's earlier ones said.
            PartialHeaderEncoder stream = new PartialHeaderEncoder();
            long sequence = 0;
            for (long start = Math.floorDiv(first, window) * window; start <= last; start += window) {
                long[] c = seen.get(a).getOrDefault(start, new long[2]);
                Partial.Builder p = Partial.newBuilder().setSequence(++sequence).setQuery(plan.query()).setQueryVersion(1)
                        .setWindowUs(window).setWindow(start / window).setPackets(c[0]).setBytes(c[1]);
                WindowBatch b = batches.get(a).get(start);
                if (b != null) {
                    List<Object[]> rows = new ArrayList<>(b.rows.size());
                    for (Object[] row : b.rows) {
                        // As LocalStage: a point's top keys go as candidates, which the controller estimates.
                        rows.add(topColumn >= 0 ? SketchPartials.withCandidates(row, topColumn) : row);
                    }
                    PartialRows.set(p, rows);
                    totals[2] += p.build().getSerializedSize() - p.clone().clearRows().clearRowColumns().build()
                            .getSerializedSize();
                    p.setApproximate(b.approximate);
                    for (String n : b.notes) {
                        // As LocalStage: a point's sketch bound is left to the controller, which notes the sum's.
                        if (!plan.sumsSketches() || SketchPartials.travels(n)) {
                            p.addNotes(n);
                        }
                    }
                    totals[0] += b.rows.size();
                }
                Partial sent = stream.encode(p.build());
                // The notes as they went: whole, as edits of the previous ones, or said unchanged.
                totals[3] += sent.getSerializedSize()
                        - sent.toBuilder().clearNotes().clearNotesKept().clearNotesUnchanged().build().getSerializedSize();
                totals[1] += sent.getSerializedSize();
                totals[4]++;
            }
        }
        return totals;
    }

    private static long windowMicros(LogicalPlan local) {
        for (LogicalPlan node : PlanKinds.postOrder(local)) {
            if (node instanceof WindowNode && ((WindowNode) node).spec().kind() == WindowSpec.Kind.TUMBLING) {
                return (Long) ExprCompiler.constant(((WindowNode) node).spec().size(), FunctionRegistry.builtins());
            }
        }
        throw new IllegalStateException("a split local stage has a tumbling window: " + local);
    }

    /**
     * The agent that observes a frame at the query's point: the sender's (by IPv4 source), the receiver's (by
     * destination), or the one both directions of a connection meet at (by the unordered address pair); frames
     * without IPv4 go to agent 0.
     */
    private static int agentOf(RawFrame f, ObservationPoint point) {
        byte[] d = f.data;
        int o = f.offset;
        if (f.capLen < 34 || d[o + 12] != 0x08 || d[o + 13] != 0x00) {
            return 0;
        }
        int src = ((d[o + 26] & 0xFF) << 24) | ((d[o + 27] & 0xFF) << 16) | ((d[o + 28] & 0xFF) << 8) | (d[o + 29] & 0xFF);
        int dst = ((d[o + 30] & 0xFF) << 24) | ((d[o + 31] & 0xFF) << 16) | ((d[o + 32] & 0xFF) << 8) | (d[o + 33] & 0xFF);
        int key = point.isConnection() ? (src ^ dst) : point == ObservationPoint.PACKET_AT_RECEIVER ? dst : src;
        return Math.floorMod(Integer.hashCode(key * 0x9E3779B1), AGENTS);
    }
}
