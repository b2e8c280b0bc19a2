package org.intstream.engine.exec.rel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.record.RowRecord;
import org.intstream.query.function.Signatures;

/** Orders each window's rows by keys; ties keep a deterministic order by all columns. */
public final class SortRows implements RelationOperator {
    private final Evaluator[] keys;
    private final boolean[] descending;

    public SortRows(Evaluator[] keys, boolean[] descending) {
        this.keys = keys.clone();
        this.descending = descending.clone();
    }

    @Override
    public WindowBatch apply(WindowBatch in) {
        RowRecord r = new RowRecord();
        List<Object[][]> keyed = new ArrayList<>();
        for (Object[] row : in.rows) {
            r.reset(row, in.start);
            Object[] k = new Object[keys.length];
            for (int i = 0; i < keys.length; i++) {
                k[i] = keys[i].eval(r);
            }
            keyed.add(new Object[][] {k, row});
        }
        Comparator<Object[][]> order = (a, b) -> {
            for (int i = 0; i < keys.length; i++) {
                int c = Signatures.compareValues(a[0][i], b[0][i]);
                if (c != 0) {
                    return descending[i] ? -c : c;
                }
            }
            return RowOrder.INSTANCE.compare(a[1], b[1]);
        };
        keyed.sort(order);
        List<Object[]> out = new ArrayList<>();
        for (Object[][] k : keyed) {
            out.add(k[1]);
        }
        return in.withRows(out);
    }
}
