package org.intstream.engine.exec.rel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.record.RowRecord;

/**
 * Joins each window's rows with another output's rows of the same window on equal {@code using} columns
 * (absent never equals absent, as in SQL), then an optional condition. Output rows are the left columns
 * followed by the right columns that are not join columns.
 */
public final class JoinRows implements RelationOperator {
    private final String right;
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final int[] rightKept;
    private final boolean leftOuter;
    private final Evaluator condition;
    private final BatchLookup lookup;

    public JoinRows(String right, int[] leftKeys, int[] rightKeys, int[] rightKept, boolean leftOuter,
            Evaluator condition, BatchLookup lookup) {
        this.right = right;
        this.leftKeys = leftKeys.clone();
        this.rightKeys = rightKeys.clone();
        this.rightKept = rightKept.clone();
        this.leftOuter = leftOuter;
        this.condition = condition;
        this.lookup = lookup;
    }

    private static List<Object> key(Object[] row, int[] cols) {
        Object[] k = new Object[cols.length];
        for (int i = 0; i < cols.length; i++) {
            if (row[cols[i]] == null) {
                return null;
            }
            k[i] = row[cols[i]];
        }
        return Arrays.asList(k);
    }

    @Override
    public WindowBatch apply(WindowBatch in) {
        WindowBatch other = lookup.lookup(right, in.start);
        Map<List<Object>, List<Object[]>> index = new HashMap<>();
        if (other != null && other.rows.size() > in.rows.size()) {
            // Only the left side's keys can match: index those, then keep the right rows that have one (a few
            // threshold rows joined with every flow's RTT must not index every flow).
            for (Object[] left : in.rows) {
                List<Object> k = key(left, leftKeys);
                if (k != null) {
                    index.putIfAbsent(k, new ArrayList<>());
                }
            }
            for (Object[] row : other.rows) {
                List<Object> k = key(row, rightKeys);
                List<Object[]> matches = k == null ? null : index.get(k);
                if (matches != null) {
                    matches.add(row);
                }
            }
        } else if (other != null) {
            for (Object[] row : other.rows) {
                List<Object> k = key(row, rightKeys);
                if (k != null) {
                    index.computeIfAbsent(k, x -> new ArrayList<>()).add(row);
                }
            }
        }
        List<Object[]> out = new ArrayList<>();
        RowRecord r = new RowRecord();
        for (Object[] left : in.rows) {
            List<Object> k = key(left, leftKeys);
            boolean matched = false;
            for (Object[] rr : k == null ? List.<Object[]>of() : index.getOrDefault(k, List.of())) {
                Object[] joined = combine(left, rr);
                if (condition == null || condition.test(r.reset(joined, in.start)) == Evaluator.TRUE) {
                    out.add(joined);
                    matched = true;
                }
            }
            if (!matched && leftOuter) {
                out.add(combine(left, null));
            }
        }
        boolean approximate = in.approximate || (other != null && other.approximate);
        List<String> notes = new ArrayList<>(in.notes);
        if (other != null) {
            notes.addAll(other.notes);
        }
        return new WindowBatch(in.start, in.end, out, approximate, notes);
    }

    private Object[] combine(Object[] left, Object[] rightRow) {
        Object[] joined = Arrays.copyOf(left, left.length + rightKept.length);
        for (int i = 0; i < rightKept.length; i++) {
            joined[left.length + i] = rightRow == null ? null : rightRow[rightKept[i]];
        }
        return joined;
    }
}
