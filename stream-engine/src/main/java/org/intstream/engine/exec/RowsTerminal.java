package org.intstream.engine.exec;

import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.aggregate.DistinctFilter;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;

/**
 * A window's tuples as rows (what a window holds when no reduce or sketch summarises it), optionally
 * distinct. Bounded like every exact state: past the bound, further tuples are counted, not kept.
 */
final class RowsTerminal extends WindowTerminal {
    private final Evaluator[] columns;
    private final DistinctFilter distinct;
    private final int maxRows;
    private List<Object[]> rows = new ArrayList<>();
    private long dropped;

    RowsTerminal(Evaluator[] columns, DistinctFilter distinct, int maxRows) {
        this.columns = columns;
        this.distinct = distinct;
        this.maxRows = maxRows;
    }

    @Override
    public void add(Record r) {
        if (distinct != null && !distinct.firstTime(r)) {
            return;
        }
        if (rows.size() >= maxRows) {
            dropped++;
            return;
        }
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            row[i] = columns[i].eval(r);
        }
        rows.add(row);
    }

    @Override
    public WindowBatch finish(long start, long end) {
        List<Object[]> out = rows;
        rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (dropped > 0) {
            notes.add("window held more than " + maxRows + " tuples; " + dropped + " were left out");
        }
        String distinctNote = distinct == null ? null : distinct.approximationNote();
        if (distinctNote != null) {
            notes.add(distinctNote);
        }
        WindowBatch b = new WindowBatch(start, end, out, dropped > 0 || distinctNote != null, notes);
        dropped = 0;
        if (distinct != null) {
            distinct.clear();
        }
        return b;
    }
}
