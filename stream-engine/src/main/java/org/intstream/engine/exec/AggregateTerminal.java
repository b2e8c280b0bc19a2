package org.intstream.engine.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.aggregate.AggColumn;
import org.intstream.engine.aggregate.FrequentKeys;
import org.intstream.engine.aggregate.KeyTable;
import org.intstream.engine.aggregate.DistinctFilter;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;
import org.intstream.engine.record.RowRecord;

/**
 * {@code [distinct] | reduce}: optionally drops records whose distinct key was already seen in the window,
 * then folds each record into its group's aggregate columns. At the window's end, each group becomes a row
 * of its key values followed by its aggregate values; aggregate expressions over several calls
 * ({@code count() - countif(x)}) are computed then, over the calls' results.
 *
 * <p>Exact state is bounded. Past the bound, distinct goes on with a Bloom filter (see {@link DistinctFilter}),
 * and a reduce of a single
 * count or sum goes on with a frequent-items sketch for the keys that did not fit; the window's results are
 * flagged approximate with their error. Other reduces can't be estimated: records of keys that don't fit
 * are counted and the window is flagged.
 */
final class AggregateTerminal extends WindowTerminal {
    private final DistinctFilter distinct;
    private final KeyTable groups;
    private final AggColumn[] columns;
    /** Per output aggregate: the evaluator over [keys..., call results...], or null for a plain call. */
    private final Evaluator[] finals;
    private final int[] directColumn;
    private final int keyCount;
    private final String[] aggregateNames;
    /** The sketch form's weight (1 for count(), the summed value for sum(x)), or null if none exists. */
    private final Weight sketchWeight;
    /**
     * The filter that follows the reduce when it reads aggregate columns only, or null: a group it drops
     * never has its key unpacked (most groups, for a threshold query).
     */
    private final Evaluator having;

    /**
     * True when a group that no record changed is always dropped by the filter after the reduce, and every
     * column can be left unchanged by some records ({@code countif(retransmission) > 10}): a record that changes
     * no column then needs no group, so most connections never enter the table.
     */
    private final boolean skipsUnchanging;

    private FrequentKeys groupOverflow;
    private long droppedRecords;

    /** How much a record weighs in the sketch form of a single count or sum. */
    interface Weight {
        /** The weight, or -1 when the record adds nothing (absent value, false condition). */
        long of(Record r);
    }

    AggregateTerminal(DistinctFilter distinct, KeyTable groups, AggColumn[] columns, Evaluator[] finals, int[] directColumn,
            int keyCount, String[] aggregateNames, Weight sketchWeight, Evaluator having) {
        this.distinct = distinct;
        this.groups = groups;
        this.columns = columns;
        this.finals = finals;
        this.directColumn = directColumn;
        this.keyCount = keyCount;
        this.aggregateNames = aggregateNames;
        this.sketchWeight = sketchWeight;
        this.having = having;
        this.skipsUnchanging = skipsUnchanging(columns, finals, directColumn, keyCount, having);
    }

    /**
     * Whether a reduce skips the records that change none of its columns: when a group no record changed is
     * always dropped by the filter after it.
     *
     * @param columns fresh columns (still empty): the empty group's values are read from them
     */
    static boolean skipsUnchanging(AggColumn[] columns, Evaluator[] finals, int[] directColumn, int keyCount,
            Evaluator having) {
        return keyCount > 0 && having != null && allMayIgnore(columns)
                && !emptyGroupPasses(columns, finals, directColumn, keyCount, having);
    }

    private static boolean allMayIgnore(AggColumn[] columns) {
        for (AggColumn c : columns) {
            if (!c.mayIgnore()) {
                return false;
            }
        }
        return columns.length > 0;
    }

    private static boolean emptyGroupPasses(AggColumn[] columns, Evaluator[] finals, int[] directColumn, int keyCount,
            Evaluator having) {
        Object[] calls = new Object[keyCount + columns.length];
        for (int c = 0; c < columns.length; c++) {
            columns[c].ensureCapacity(1);
            calls[keyCount + c] = columns[c].result(0);
        }
        RowRecord scratch = new RowRecord(calls, 0);
        Object[] row = new Object[keyCount + finals.length];
        for (int a = 0; a < finals.length; a++) {
            row[keyCount + a] = finals[a] == null ? calls[keyCount + directColumn[a]] : finals[a].eval(scratch);
        }
        return having.test(new RowRecord(row, 0)) == Evaluator.TRUE;
    }

    private boolean changesSome(Record r) {
        for (AggColumn c : columns) {
            if (c.changes(r)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void add(Record r) {
        if (distinct != null && !distinct.firstTime(r)) {
            return;
        }
        if (skipsUnchanging && !changesSome(r)) {
            return;
        }
        int g = groups.idOf(r);
        if (g == KeyTable.FULL) {
            overflow(r);
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

    private void overflow(Record r) {
        if (sketchWeight == null) {
            droppedRecords++;
            return;
        }
        long w = sketchWeight.of(r);
        if (w < 0) {
            return;
        }
        if (groupOverflow == null) {
            groupOverflow = new FrequentKeys(Math.min(1 << 20, Integer.highestOneBit(groups.maxKeys())));
        }
        groupOverflow.add(groups.codec().box(r), w);
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
        // The aggregate expressions read only the calls' results (key slots stay empty), so the key is unpacked
        // once the row is kept.
        Object[] calls = new Object[keyCount + columns.length];
        RowRecord havingRecord = having == null ? null : new RowRecord();
        for (int g = 0; g < Math.max(n, emptyGlobal ? 1 : 0); g++) {
            for (int c = 0; c < columns.length; c++) {
                calls[keyCount + c] = columns[c].result(g);
            }
            Object[] row = new Object[keyCount + finals.length];
            scratch.reset(calls, start);
            for (int a = 0; a < finals.length; a++) {
                row[keyCount + a] = finals[a] == null ? calls[keyCount + directColumn[a]] : finals[a].eval(scratch);
            }
            if (having != null && having.test(havingRecord.reset(row, start)) != Evaluator.TRUE) {
                continue;
            }
            if (!emptyGlobal) {
                System.arraycopy(groups.key(g), 0, row, 0, keyCount);
            }
            rows.add(row);
        }
        List<String> notes = new ArrayList<>();
        Map<String, Long> bounds = new LinkedHashMap<>();
        boolean approximate = false;
        String distinctNote = distinct == null ? null : distinct.approximationNote();
        if (distinctNote != null) {
            approximate = true;
            notes.add(distinctNote);
        }
        if (groupOverflow != null) {
            approximate = true;
            for (Object[] row : groupOverflow.rows()) {
                if (having == null || having.test(scratch.reset(row, start)) == Evaluator.TRUE) {
                    rows.add(row);
                }
            }
            long err = groupOverflow.maximumError();
            bounds.put(aggregateNames[0], err);
            notes.add("reduce kept " + groups.maxKeys() + " keys exactly; later keys were estimated by a "
                    + groupOverflow.capacity() + "-counter frequent-items sketch: estimates exceed the truth by at "
                    + "most " + err + ", and keys lighter than that may be missing");
        }
        for (AggColumn c : columns) {
            String note = c.approximationNote();
            if (note != null) {
                approximate = true;
                notes.add(note);
            }
        }
        if (droppedRecords > 0) {
            approximate = true;
            notes.add("reduce reached its bound of " + groups.maxKeys() + " keys; " + droppedRecords
                    + " records of further keys were not counted (no sketch form for these aggregates)");
        }
        for (AggColumn c : columns) {
            c.clear(Math.max(n, 1));
        }
        groups.clear();
        if (distinct != null) {
            distinct.clear();
        }
        groupOverflow = null;
        droppedRecords = 0;
        return new WindowBatch(start, end, rows, approximate, notes, bounds);
    }
}
