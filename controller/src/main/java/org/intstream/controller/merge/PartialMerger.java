package org.intstream.controller.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.record.RowTypes;
import org.intstream.engine.sketch.SketchTerminal;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.Schema;

/**
 * Merges one query's partial results from the agents and runs its global stage: an engine reading the
 * partial rows as the input stream the global plan scans. Reports wait per window until every expected
 * agent has reported the window, or until its grace period has passed (counted from the later of the
 * window's end and its first report, so a fast replay waits as long as live traffic); windows are published
 * in order. An agent's rows for a window are taken once: a resend is a duplicate, a report after its window
 * was published is late, and both are dropped. A query whose points send count-min sketches has them added
 * into one row per window first ({@link SketchSum}); a split publishes a window per side output, under the
 * output's name. Thread-safe.
 */
public final class PartialMerger {
    /** How many published windows are remembered to tell a resend from a late report. */
    private static final int REMEMBERED_WINDOWS = 1024;

    private final DeployedQuery query;
    private final long graceMillis;
    private final Consumer<MergedWindow> publish;
    private final Engine engine;
    private final String input;
    private final QueryCounters counters = new QueryCounters();
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private final TreeMap<Long, Set<String>> published = new TreeMap<>();
    private final Map<String, List<WindowBatch>> emitted = new LinkedHashMap<>();
    private final SketchSum sketches;
    private long publishedUpTo = Long.MIN_VALUE;

    public PartialMerger(DeployedQuery query, long graceMillis, Consumer<MergedWindow> publish) {
        if (graceMillis < 0) {
            throw new IllegalArgumentException("grace can't be negative: " + graceMillis);
        }
        this.query = query;
        this.graceMillis = graceMillis;
        this.publish = publish;
        this.input = query.plan().partialStream();
        this.engine = new Engine(FunctionRegistry.builtins());
        engine.declareInput(input, query.partialSchema());
        engine.register(query.global(), Map.of());
        engine.addSink((info, batch) -> emitted.computeIfAbsent(info.output(), o -> new ArrayList<>()).add(batch));
        this.sketches = query.plan().sumsSketches() ? SketchSum.of(query) : null;
    }

    public DeployedQuery query() {
        return query;
    }

    public QueryCounters counters() {
        return counters;
    }

    /**
     * Takes one agent's report, then publishes what became ready.
     *
     * @param expected the agents whose reports a window waits for
     */
    public synchronized Acceptance accept(PartialReport r, Set<String> expected, long nowMillis) {
        Acceptance a = classify(r);
        if (a == Acceptance.ACCEPTED) {
            pending.computeIfAbsent(r.windowStart(), s -> new Pending(s, r.windowEnd(), nowMillis)).reports
                    .put(r.agentId(), r);
        }
        counters.count(a, r);
        release(expected, nowMillis);
        return a;
    }

    private Acceptance classify(PartialReport r) {
        if (!r.query().equals(query.name()) || r.queryVersion() != query.version()) {
            return Acceptance.UNKNOWN_QUERY;
        }
        if (malformation(r) != null) {
            return Acceptance.MALFORMED;
        }
        if (r.windowStart() < publishedUpTo) {
            Set<String> took = published.get(r.windowStart());
            return took != null && took.contains(r.agentId()) ? Acceptance.DUPLICATE : Acceptance.LATE;
        }
        Pending p = pending.get(r.windowStart());
        return p != null && p.reports.containsKey(r.agentId()) ? Acceptance.DUPLICATE : Acceptance.ACCEPTED;
    }

    /** Why a report would be refused as malformed, or null: for the agent's log. */
    public String malformation(PartialReport r) {
        long size = query.windowMicros();
        if (r.windowEnd() - r.windowStart() != size || Math.floorMod(r.windowStart(), size) != 0) {
            return "window [" + r.windowStart() + ", " + r.windowEnd() + ") is not one of " + query.name()
                    + "'s " + size + " us windows";
        }
        for (Object[] row : r.rows()) {
            String m = RowTypes.mismatch(query.partialSchema(), row);
            if (m == null && sketches != null) {
                m = sketches.mismatch(row);
            }
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /** Publishes the windows whose grace period has passed (and those ready behind them). */
    public synchronized void expire(Set<String> expected, long nowMillis) {
        release(expected, nowMillis);
    }

    /** Windows waiting for reports. */
    public synchronized int pendingWindows() {
        return pending.size();
    }

    private void release(Set<String> expected, long nowMillis) {
        while (!pending.isEmpty()) {
            Pending first = pending.firstEntry().getValue();
            boolean ready = first.reports.keySet().containsAll(expected);
            long deadline = Math.max(first.end / 1000, first.firstSeenMillis) + graceMillis;
            if (!ready && nowMillis < deadline) {
                return;
            }
            pending.pollFirstEntry();
            publish(first, expected);
        }
    }

    private void publish(Pending p, Set<String> expected) {
        emitted.clear();
        Set<String> complete = new TreeSet<>();
        boolean approximate = false;
        Set<String> notes = new TreeSet<>();
        long packets = 0;
        long bytes = 0;
        long drops = 0;
        List<Object[]> sketchRows = new ArrayList<>();
        for (PartialReport r : p.reports.values()) {
            for (Object[] row : r.rows()) {
                if (sketches != null) {
                    sketchRows.add(row);
                } else {
                    engine.onInputRow(input, p.start, row);
                }
            }
            if (r.complete()) {
                complete.add(r.agentId());
            }
            approximate |= r.approximate();
            for (String n : r.notes()) {
                // A point's sketch bound is not the sum's: the sum's own note replaces them.
                if (sketches == null || !SketchTerminal.isBoundNote(n)) {
                    notes.add(n);
                }
            }
            packets += r.packets();
            bytes += r.bytes();
            drops += r.captureDrops();
        }
        Object[] summed = sketches == null ? null : sketches.sum(sketchRows);
        if (summed != null) {
            engine.onInputRow(input, p.start, summed);
            notes.add(sketches.note(summed));
        }
        engine.advanceInput(input, p.end);
        Set<String> waitedFor = new TreeSet<>(expected);
        waitedFor.addAll(p.reports.keySet());
        // One window per output: the query's, or each side output's of a split (published under its name).
        List<MergedWindow> windows = new ArrayList<>();
        for (Map.Entry<String, Schema> output : query.resultSchemas().entrySet()) {
            List<Object[]> rows = new ArrayList<>();
            boolean outputApproximate = approximate;
            Set<String> outputNotes = new TreeSet<>(notes);
            for (WindowBatch b : emitted.getOrDefault(output.getKey(), List.of())) {
                if (b.start == p.start) {
                    rows.addAll(b.rows);
                    outputApproximate |= b.approximate;
                    outputNotes.addAll(b.notes);
                }
            }
            windows.add(new MergedWindow(output.getKey(), query.version(), p.start, p.end, output.getValue(), rows,
                    complete, waitedFor, outputApproximate, new ArrayList<>(outputNotes), packets, bytes, drops));
        }
        publishedUpTo = p.end;
        published.put(p.start, new TreeSet<>(p.reports.keySet()));
        while (published.size() > REMEMBERED_WINDOWS) {
            published.pollFirstEntry();
        }
        for (MergedWindow w : windows) {
            counters.published(w);
            publish.accept(w);
        }
    }

    /** A window collecting reports, by agent id. */
    private static final class Pending {
        final long start;
        final long end;
        final long firstSeenMillis;
        final Map<String, PartialReport> reports = new TreeMap<>();

        Pending(long start, long end, long firstSeenMillis) {
            this.start = start;
            this.end = end;
            this.firstSeenMillis = firstSeenMillis;
        }
    }
}
