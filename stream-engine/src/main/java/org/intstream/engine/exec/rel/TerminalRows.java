package org.intstream.engine.exec.rel;

import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.exec.WindowTerminal;
import org.intstream.engine.record.RowRecord;

/**
 * Runs a window terminal (reduce, distinct, sketch) over rows rather than packets: a second {@code reduce}
 * after a first, or a {@code distinct} over results.
 */
public final class TerminalRows implements RelationOperator {
    private final WindowTerminal terminal;

    public TerminalRows(WindowTerminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public WindowBatch apply(WindowBatch in) {
        RowRecord r = new RowRecord();
        for (Object[] row : in.rows) {
            terminal.add(r.reset(row, in.start));
        }
        WindowBatch out = terminal.finish(in.start, in.end);
        if (in.approximate) {
            java.util.List<String> notes = new java.util.ArrayList<>(in.notes);
            notes.addAll(out.notes);
            return new WindowBatch(out.start, out.end, out.rows, true, notes);
        }
        return out;
    }
}
