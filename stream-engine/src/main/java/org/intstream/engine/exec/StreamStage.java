package org.intstream.engine.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;
import org.intstream.engine.window.WindowAssigner;

/**
 * The per-record part of a windowed pipeline: filters before the window decide whether a record reaches
 * the window at all (a window exists once a record reaches it), filters after it decide what the window's
 * terminal sees. Windows close in start order once the input's watermark passes their end.
 */
final class StreamStage {
    private final Evaluator preWindow;
    private final Evaluator postWindow;
    private final WindowAssigner windows;
    private final Supplier<WindowTerminal> terminals;
    private final TreeMap<Long, WindowTerminal> open = new TreeMap<>();
    private final Deque<WindowTerminal> spare = new ArrayDeque<>();
    private long lateRecords;
    private long currentStart;
    private WindowTerminal currentTerminal;
    private long closedUpTo = Long.MIN_VALUE;

    StreamStage(Evaluator preWindow, Evaluator postWindow, WindowAssigner windows, Supplier<WindowTerminal> terminals) {
        this.preWindow = preWindow;
        this.postWindow = postWindow;
        this.windows = windows;
        this.terminals = terminals;
    }

    WindowAssigner windows() {
        return windows;
    }

    /** Records that arrived for a window already closed (beyond the allowed lateness). */
    long lateRecords() {
        return lateRecords;
    }

    void accept(Record r) {
        if (preWindow != null && preWindow.test(r) != Evaluator.TRUE) {
            return;
        }
        long ts = r.time();
        // Tumbling windows: nearly every record falls into the window of the previous one.
        if (currentTerminal != null && ts >= currentStart && ts < currentStart + windows.size()) {
            if (postWindow == null || postWindow.test(r) == Evaluator.TRUE) {
                add(currentTerminal, r);
            }
            return;
        }
        long last = windows.lastStart(ts);
        for (long start = windows.firstStart(ts); start <= last; start += windows.slide()) {
            if (start + windows.size() <= closedUpTo) {
                lateRecords++;
                continue;
            }
            WindowTerminal t = open.get(start);
            if (t == null) {
                t = spare.isEmpty() ? terminals.get() : spare.pop();
                open.put(start, t);
            }
            if (windows.isTumbling()) {
                currentStart = start;
                currentTerminal = t;
            }
            if (postWindow == null || postWindow.test(r) == Evaluator.TRUE) {
                t.add(r);
            }
        }
    }

    /**
     * Most terminals are reduces: called as such, their add is a direct call, where one call site for every
     * query's terminal, whatever its class, would be an indirect one that changes target from query to query.
     */
    private static void add(WindowTerminal t, Record r) {
        if (t instanceof AggregateTerminal) {
            ((AggregateTerminal) t).add(r);
        } else {
            t.add(r);
        }
    }

    /** The end of the earliest open window, or Long.MAX_VALUE: nothing closes before the watermark gets there. */
    long nextDeadline() {
        return open.isEmpty() ? Long.MAX_VALUE : open.firstKey() + windows.size();
    }

    /** Closes every window whose end is at or before the watermark, oldest first. */
    void advance(long watermark, BatchConsumer out) {
        while (!open.isEmpty()) {
            Map.Entry<Long, WindowTerminal> first = open.firstEntry();
            long end = first.getKey() + windows.size();
            if (end > watermark) {
                break;
            }
            open.pollFirstEntry();
            if (first.getValue() == currentTerminal) {
                currentTerminal = null;
            }
            WindowBatch b = first.getValue().finish(first.getKey(), end);
            spare.push(first.getValue());
            closedUpTo = Math.max(closedUpTo, end);
            out.accept(b);
        }
    }

    /** Rows this stage will still emit start at or after this time (see WindowAssigner#earliestOpenStart). */
    long outputWatermark(long inputWatermark) {
        long s = windows.earliestOpenStart(inputWatermark);
        return open.isEmpty() ? s : Math.min(s, open.firstKey());
    }

    /** Receives closed windows. */
    interface BatchConsumer {
        void accept(WindowBatch batch);
    }
}
