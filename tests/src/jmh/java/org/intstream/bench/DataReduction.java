package org.intstream.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.agent.stream.RowCodec;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.EngineConfig;
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
import org.intstream.standalone.run.QueryLoader;

/**
 * How much of the traffic's information crosses into the global stage, per shipped application: the
 * shipped demo capture repeated to a million packets (copies with their own addresses, capture timing), the
 * packets shared among three agents as the query's observation points would see them (by source or
 * destination address, or by the connection's address pair for TCP analyses), each agent running the query's local stage and sending one
 * {@code Partial} message per closed window, as {@code intstream agent} does. Crossing bytes are those
 * messages' protobuf sizes; a central collector would need each packet's 5-tuple and length (15 bytes).
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
            System.out.printf("%-20s %-11s %-19s %10s %14s %10s%n", "application", "mode", "point", "rows",
                    "bytes crossing", "reduction");
            double sum = 0;
            int counted = 0;
            Map<String, long[]> byQuery = new java.util.LinkedHashMap<>();
            Map<String, DistributedPlan> plans = new java.util.LinkedHashMap<>();
            for (String name : QueryLoader.SHIPPED) {
                QueryDefinition q = QueryLoader.shipped(name);
                DistributedPlan plan = PlanSplitter.split(name, ParameterBinder.bind(q, Map.of()), sides);
                plans.put(name, plan);
                byQuery.put(name, plan.mode() == DistributedPlan.Mode.CENTRAL
                        ? new long[] {0, (long) packets * TUPLE_BYTES} : runLocal(plan, trace));
            }
            for (String name : QueryLoader.SHIPPED) {
                DistributedPlan plan = plans.get(name);
                long central = (long) packets * TUPLE_BYTES;
                long rows = byQuery.get(name)[0];
                long crossing = byQuery.get(name)[1];
                // A global stage that reads another query's output (tcp_retransmission joins tcp_rtt) needs that
                // query's rows to cross too.
                for (String other : scannedQueries(plan.global())) {
                    if (byQuery.containsKey(other)) {
                        rows += byQuery.get(other)[0];
                        crossing += byQuery.get(other)[1];
                    }
                }
                double reduction = 1 - (double) crossing / central;
                if (!name.equals("tcp_rtt")) { // a part of tcp_retransmission, not an application
                    sum += reduction;
                    counted++;
                }
                System.out.printf("%-20s %-11s %-19s %10d %14d %9.2f%%%n", name, plan.mode().name().toLowerCase(),
                        plan.point().name().toLowerCase(), rows, crossing, 100 * reduction);
            }
            System.out.printf("%-20s %-11s %-19s %10s %14s %9.2f%%%n", "average of " + counted, "", "", "", "",
                    100 * sum / counted);
        }
    }

    /** The other queries a plan reads (not packets, not its own partial stream). */
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

    /** Rows and Partial bytes the agents send for one query's local stage. */
    private static long[] runLocal(DistributedPlan plan, byte[] trace) throws IOException {
        List<Engine> agents = new ArrayList<>();
        long[] totals = new long[2];
        QueryDefinition local = new QueryDefinition(plan.query() + "_local", List.of(), plan.local(), "");
        for (int a = 0; a < AGENTS; a++) {
            Engine e = new Engine(FunctionRegistry.builtins(), EngineConfig.defaults(), new PointTable());
            e.register(local, Map.of());
            e.addSink((info, batch) -> {
                Partial.Builder p = Partial.newBuilder().setSequence(1).setQuery(plan.query()).setQueryVersion(1)
                        .setWindowStartUs(batch.start).setWindowEndUs(batch.end).setComplete(true)
                        .setPackets(1000).setBytes(100_000);
                for (Object[] row : batch.rows) {
                    p.addRows(RowCodec.encode(row));
                }
                totals[0] += batch.rows.size();
                totals[1] += p.build().getSerializedSize();
            });
            agents.add(e);
        }
        ObservationPoint point = plan.point();
        try (PcapReader reader = PcapReader.fromBytes("reduction", trace)) {
            RawFrame f = new RawFrame();
            while (reader.next(f)) {
                agents.get(agentOf(f, point)).onFrame(f);
            }
        }
        for (Engine e : agents) {
            e.finish();
        }
        return totals;
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
