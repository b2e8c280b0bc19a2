package org.intstream.engine.exec;

import java.util.List;
import java.util.Map;

/**
 * The rows a query output holds for one window (or, for an unwindowed stream, for one instant), plus what a
 * reader must know to trust them: whether they are estimates and how far off they can be.
 */
public final class WindowBatch {
    /** Window start and end (exclusive), microseconds since the epoch; end is -1 for stream rows. */
    public final long start;
    public final long end;
    public final List<Object[]> rows;
    /** True when some value comes from a sketch or from a state that overflowed its memory bound. */
    public final boolean approximate;
    /** Human-readable notes on the approximation (sketch sizes, overflow), empty when exact. */
    public final List<String> notes;
    /** For sketch-estimated columns: the additive bound on each value's over-count. */
    public final Map<String, Long> errorBounds;

    public WindowBatch(long start, long end, List<Object[]> rows, boolean approximate, List<String> notes) {
        this(start, end, rows, approximate, notes, Map.of());
    }

    public WindowBatch(long start, long end, List<Object[]> rows, boolean approximate, List<String> notes,
            Map<String, Long> errorBounds) {
        this.start = start;
        this.end = end;
        this.rows = rows;
        this.approximate = approximate;
        this.notes = List.copyOf(notes);
        this.errorBounds = Map.copyOf(errorBounds);
    }

    public static WindowBatch exact(long start, long end, List<Object[]> rows) {
        return new WindowBatch(start, end, rows, false, List.of());
    }

    public WindowBatch withRows(List<Object[]> newRows) {
        return new WindowBatch(start, end, newRows, approximate, notes, errorBounds);
    }

    public boolean isWindowed() {
        return end >= 0;
    }
}
