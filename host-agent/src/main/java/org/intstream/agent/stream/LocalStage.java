package org.intstream.agent.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.intstream.agent.probe.AgentProbers;
import org.intstream.engine.eval.ExprCompiler;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.probe.ProbeScheduler;
import org.intstream.engine.source.RawFrame;
import org.intstream.proto.agent.Partial;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.partition.PlanSplitter;
import org.intstream.query.partition.QueryWithReads;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.SketchColumns;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;

/**
 * One query's local stage at an agent: its own engine over the agent's packets (or over the rows of the
 * probes it runs from this host, for a {@code probe} query), and the cutting of its output into one partial
 * per tumbling window. Every window from the one the agent's clock starts in is
 * reported, with no rows if nothing reached it, so the controller knows the agent has nothing more for it.
 * Not thread-safe: the agent feeds it from one thread at a time.
 */
final class LocalStage {
    private final String name;
    private final long version;
    private final String dsl;
    private final Map<String, String> parameters;
    private final long windowMicros;
    private final long observedFrom;
    private final ObservationPoint point;
    private final boolean sumsSketches;
    /** The partial rows' column of a summed sketch's top keys, or -1 (no sum, or no such column). */
    private final int topColumn;
    private final Engine engine;
    private final LongSupplier captureDrops;
    private final Consumer<Partial.Builder> out;
    /** The probes a probe query runs from this host, or null for a query over packets. */
    private final ProbeScheduler probes;
    private final Map<Long, WindowBatch> closed = new HashMap<>();
    private final TreeMap<Long, long[]> seen = new TreeMap<>();
    private long nextStart = Long.MIN_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private long reportedDrops;
    private boolean finished;

    /**
     * @param sides the sides the controller split the query for; the agent splits it the same way
     * @param expectedPoint the observation point the controller's split chose, or null when it didn't say
     * @param observedFrom the instant from which this agent sees every packet it should: windows starting
     *     before it are reported incomplete (Long.MIN_VALUE for a trace replayed from its start)
     * @param out receives each closed window's partial, without its sequence number
     * @throws QueryException when the text is not one query that splits into a local stage, or it splits for
     *     another observation point than the controller's (agent and controller of different versions)
     */
    LocalStage(String name, long version, String dsl, Map<String, String> parameters, PlanSplitter.Sides sides,
            ObservationPoint expectedPoint, long observedFrom, LongSupplier captureDrops, Consumer<Partial.Builder> out) {
        // The query, after the queries whose output it reads when a join with them runs at the point.
        QueryWithReads submitted = QueryWithReads.parse(dsl, parameters);
        if (!submitted.name().equals(name)) {
            throw new QueryException(null, "install of '" + name + "' must carry that one query, it has '"
                    + submitted.name() + "'");
        }
        QueryDefinition q = submitted.query();
        DistributedPlan plan = submitted.split(sides);
        if (plan.mode() == DistributedPlan.Mode.CENTRAL) {
            throw new QueryException(null, "'" + name + "' has no local stage: " + String.join("; ", plan.notes()));
        }
        if (expectedPoint != null && plan.point() != expectedPoint) {
            throw new QueryException(null, "'" + name + "' split for " + sides + " is observed at " + plan.point()
                    + " here but at " + expectedPoint + " by the controller");
        }
        FunctionRegistry functions = FunctionRegistry.builtins();
        this.engine = new Engine(functions);
        for (String read : plan.localReads()) {
            engine.register(new QueryDefinition(read, List.of(), submitted.readPlans().get(read), ""), Map.of());
        }
        engine.register(new QueryDefinition(name, List.of(), plan.local(), q.description()), Map.of());
        engine.addSink((info, batch) -> {
            if (info.output().equals(name)) {
                closed.put(batch.start, batch);
            }
        });
        this.name = name;
        this.version = version;
        this.dsl = dsl;
        this.parameters = Map.copyOf(parameters);
        this.windowMicros = windowMicros(plan.local(), functions);
        this.observedFrom = observedFrom;
        this.point = plan.point();
        this.sumsSketches = plan.sumsSketches();
        this.topColumn = sumsSketches ? engine.outputs().get(name).indexOf(SketchColumns.TOP) : -1;
        this.captureDrops = captureDrops;
        this.out = out;
        // A probe query's rows come from its probes, and its windows close with them, not with the packets.
        this.probes = engine.probes().isEmpty() ? null
                : new ProbeScheduler(engine.probes(), AgentProbers.current(), functions, ProbeScheduler::wallClockMicros);
    }

    private static long windowMicros(LogicalPlan local, FunctionRegistry functions) {
        for (LogicalPlan node : PlanKinds.postOrder(local)) {
            if (node instanceof WindowNode && ((WindowNode) node).spec().kind() == WindowSpec.Kind.TUMBLING) {
                return (Long) ExprCompiler.constant(((WindowNode) node).spec().size(), functions);
            }
        }
        throw new IllegalStateException("a split local stage has a tumbling window: " + local);
    }

    String name() {
        return name;
    }

    long version() {
        return version;
    }

    /** Which of the host's packets this stage is fed. */
    ObservationPoint point() {
        return point;
    }

    /** True when an install asks for exactly this stage (a controller restarted may reuse version numbers). */
    boolean runs(long otherVersion, String otherDsl, Map<String, String> otherParameters, ObservationPoint otherPoint) {
        return version == otherVersion && dsl.equals(otherDsl) && parameters.equals(otherParameters)
                && (otherPoint == null || otherPoint == point);
    }

    void onFrame(RawFrame frame) {
        if (probes != null) {
            takeProbes();
            return;
        }
        engine.onFrame(frame);
        clock(frame.tsMicros);
        long[] counts = seen.computeIfAbsent(Math.floorDiv(frame.tsMicros, windowMicros) * windowMicros,
                k -> new long[2]);
        counts[0]++;
        counts[1] += frame.wireLen;
    }

    /** The agent's clock moved on with no packet for this stage. */
    void advanceTime(long timeMicros) {
        if (probes != null) {
            takeProbes();
            return;
        }
        engine.advanceTime(timeMicros);
        clock(timeMicros);
    }

    /** The input ended: every window up to the one holding the last instant seen closes and is reported. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (probes != null) {
            probes.close();
            takeProbes();
        }
        engine.finish();
        if (lastTime != Long.MIN_VALUE) {
            reportUpTo(Math.floorDiv(lastTime, windowMicros) * windowMicros + windowMicros);
        }
    }

    /** Stops the stage's probes, if it runs any (a removed or replaced stage). */
    void close() {
        if (probes != null) {
            probes.close();
        }
    }

    /** Hands the finished probes to the engine and reports the windows whose probes have all answered. */
    private void takeProbes() {
        clock(probes.drainInto(engine));
    }

    private void clock(long time) {
        if (nextStart == Long.MIN_VALUE) {
            nextStart = Math.floorDiv(time, windowMicros) * windowMicros;
        }
        if (time > lastTime) {
            lastTime = time;
            reportUpTo(time);
        }
    }

    /** Reports every window that ends at or before the time (the engine closed them already). */
    private void reportUpTo(long time) {
        while (nextStart != Long.MIN_VALUE && nextStart + windowMicros <= time) {
            long start = nextStart;
            WindowBatch b = closed.remove(start);
            long[] counts = seen.remove(start);
            long drops = captureDrops.getAsLong();
            // Whole, as a stream's first partial would carry it; the stream's encoder leaves out what it can.
            Partial.Builder p = Partial.newBuilder().setQuery(name).setQueryVersion(version).setWindowUs(windowMicros)
                    .setWindow(start / windowMicros).setIncomplete(start < observedFrom)
                    .setPackets(counts == null ? 0 : counts[0]).setBytes(counts == null ? 0 : counts[1])
                    .setCaptureDrops(drops - reportedDrops);
            reportedDrops = drops;
            if (b != null) {
                List<Object[]> rows = new ArrayList<>(b.rows.size());
                for (Object[] row : b.rows) {
                    // A point's top keys go as candidates: the controller estimates them against the sum.
                    rows.add(topColumn >= 0 ? SketchPartials.withCandidates(row, topColumn) : row);
                }
                PartialRows.set(p, rows);
                for (String note : b.notes) {
                    // A point's sketch bound is not sent: the controller notes the bound of the sum.
                    if (!sumsSketches || SketchPartials.travels(note)) {
                        p.addNotes(note);
                    }
                }
                p.setApproximate(b.approximate);
            }
            nextStart += windowMicros;
            out.accept(p);
        }
        // Windows the engine closed before this agent's clock started can't be reported as a whole.
        closed.keySet().removeIf(s -> s < nextStart);
    }
}
