package org.intstream.engine.exec.rel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.record.RowRecord;
import org.intstream.query.function.Signatures;

/**
 * The k rows with the largest (or smallest) value per window, or per partition of the window. Rows whose
 * value is absent rank last; ties are broken by the rows' columns so the result is deterministic.
 */
public final class TopKRows implements RelationOperator {
    private final long k;
    private final Evaluator value;
    private final boolean descending;
    private final Evaluator[] partition;

    public TopKRows(long k, Evaluator value, boolean descending, Evaluator[] partition) {
        this.k = k;
        this.value = value;
        this.descending = descending;
        this.partition = partition.clone();
    }

    @Override
    public WindowBatch apply(WindowBatch in) {
        RowRecord r = new RowRecord();
        Map<List<Object>, List<Object[][]>> groups = new LinkedHashMap<>();
        for (Object[] row : in.rows) {
            r.reset(row, in.start);
            Object[] p = new Object[partition.length];
            for (int i = 0; i < partition.length; i++) {
                p[i] = partition[i].eval(r);
            }
            groups.computeIfAbsent(Arrays.asList(p), x -> new ArrayList<>())
                    .add(new Object[][] {{value.eval(r)}, row});
        }
        List<Object[]> out = new ArrayList<>();
        for (List<Object[][]> g : groups.values()) {
            g.sort((a, b) -> {
                Object va = a[0][0];
                Object vb = b[0][0];
                if (va == null || vb == null) {
                    return va == null ? (vb == null ? RowOrder.INSTANCE.compare(a[1], b[1]) : 1) : -1;
                }
                int c = Signatures.compareValues(va, vb);
                if (c != 0) {
                    return descending ? -c : c;
                }
                return RowOrder.INSTANCE.compare(a[1], b[1]);
            });
            for (int i = 0; i < Math.min(k, g.size()); i++) {
                out.add(g.get(i)[1]);
            }
        }
        return in.withRows(out);
    }
}
