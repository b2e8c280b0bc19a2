package org.intstream.engine.exec;

import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.aggregate.KeyTable;
import org.intstream.engine.aggregate.OverflowBloom;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;

/**
 * A window's tuples as rows (what a window holds when no reduce or sketch summarises it), optionally
 * distinct. Bounded like every exact state: past the bound, further tuples are counted, not kept.
 */
final class RowsTerminal implements WindowTerminal {
    private final Evaluator[] columns;
    private final KeyTable distinct;
    private final int maxRows;
    private List<Object[]> rows = new ArrayList<>();
    private long dropped;
    private OverflowBloom distinctOverflow;

    RowsTerminal(Evaluator[] columns, KeyTable distinct, int maxRows) {
        this.columns = columns;
        this.distinct = distinct;
        this.maxRows = maxRows;
    }

    @Override
    public void add(Record r) {
        if (distinct != null) {
            int id = distinct.idOf(r);
            if (id == KeyTable.FULL) {
                if (distinctOverflow == null) {
                    distinctOverflow = new OverflowBloom(Math.max(16L * distinct.maxKeys(), 1L << 23), 4);
                }
                if (!distinctOverflow.addIfNew(distinct.lastKeyHash())) {
                    return;
                }
            } else if (!distinct.lastWasNew()) {
                return;
            }
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
        if (distinctOverflow != null) {
            notes.add(String.format("distinct kept %d tuples exactly, then a Bloom filter (false positive rate %.2e)"
                    + ": some distinct tuples may be missing", distinct.maxKeys(), distinctOverflow.falsePositiveRate()));
        }
        WindowBatch b = new WindowBatch(start, end, out, dropped > 0 || distinctOverflow != null, notes);
        dropped = 0;
        distinctOverflow = null;
        if (distinct != null) {
            distinct.clear();
        }
        return b;
    }
}
