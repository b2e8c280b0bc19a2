package org.intstream.engine.exec;

import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.aggregate.AggColumn;
import org.intstream.engine.aggregate.KeyTable;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;
import org.intstream.engine.record.RowRecord;

/**
 * {@code [distinct] | reduce}: optionally drops records whose distinct key was already seen in the window,
 * then folds each record into its group's aggregate columns. At the window's end, each group becomes a row
 * of its key values followed by its aggregate values; aggregate expressions over several calls
 * ({@code count() - countif(x)}) are computed then, over the calls' results.
 */
final class AggregateTerminal implements WindowTerminal {
    private final KeyTable distinct;
    private final KeyTable groups;
    private final AggColumn[] columns;
    /** Per output aggregate: the evaluator over [keys..., call results...], or null for a plain call. */
    private final Evaluator[] finals;
    private final int[] directColumn;
    private final int keyCount;
    private final OverflowPolicy overflow;
    private long droppedRecords;

    AggregateTerminal(KeyTable distinct, KeyTable groups, AggColumn[] columns, Evaluator[] finals, int[] directColumn,
            int keyCount, OverflowPolicy overflow) {
        this.distinct = distinct;
        this.groups = groups;
        this.columns = columns;
        this.finals = finals;
        this.directColumn = directColumn;
        this.keyCount = keyCount;
        this.overflow = overflow;
    }

    @Override
    public void add(Record r) {
        if (distinct != null) {
            int d = distinct.idOf(r);
            if (d == KeyTable.FULL) {
                droppedRecords++;
                return;
            }
            if (!distinct.lastWasNew()) {
                return;
            }
        }
        int g = groups.idOf(r);
        if (g == KeyTable.FULL) {
            droppedRecords++;
            return;
        }
        if (groups.lastWasNew()) {
            for (AggColumn c : columns) {
                c.ensureCapacity(g + 1);
            }
        }
        for (AggColumn c : columns) {
            c.add(g, r);
        }
    }

    @Override
    public WindowBatch finish(long start, long end) {
        int n = groups.size();
        List<Object[]> rows = new ArrayList<>(n);
        RowRecord scratch = new RowRecord();
        // A reduce without keys yields one row for every window, even one whose records were all filtered out.
        boolean emptyGlobal = keyCount == 0 && n == 0;
        if (emptyGlobal) {
            for (AggColumn c : columns) {
                c.ensureCapacity(1);
            }
        }
        for (int g = 0; g < Math.max(n, emptyGlobal ? 1 : 0); g++) {
            Object[] key = emptyGlobal ? new Object[0] : groups.key(g);
            Object[] calls = new Object[keyCount + columns.length];
            System.arraycopy(key, 0, calls, 0, keyCount);
            for (int c = 0; c < columns.length; c++) {
                calls[keyCount + c] = columns[c].result(g);
            }
            Object[] row = new Object[keyCount + finals.length];
            System.arraycopy(key, 0, row, 0, keyCount);
            scratch.reset(calls, start);
            for (int a = 0; a < finals.length; a++) {
                row[keyCount + a] = finals[a] == null ? calls[keyCount + directColumn[a]] : finals[a].eval(scratch);
            }
            rows.add(row);
        }
        List<String> notes = new ArrayList<>();
        boolean approximate = false;
        if (droppedRecords > 0) {
            approximate = true;
            notes.add(overflow.describe(droppedRecords, groups.maxKeys()));
        }
        for (AggColumn c : columns) {
            c.clear(Math.max(n, 1));
        }
        groups.clear();
        if (distinct != null) {
            distinct.clear();
        }
        droppedRecords = 0;
        return new WindowBatch(start, end, rows, approximate, notes);
    }
}
