package org.intstream.engine.exec.rel;

import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.record.RowRecord;

/** Computes new columns from each row ({@code map}). */
public final class ProjectRows implements RelationOperator {
    private final Evaluator[] columns;

    public ProjectRows(Evaluator[] columns) {
        this.columns = columns.clone();
    }

    @Override
    public WindowBatch apply(WindowBatch in) {
        List<Object[]> out = new ArrayList<>(in.rows.size());
        RowRecord r = new RowRecord();
        for (Object[] row : in.rows) {
            r.reset(row, in.start);
            Object[] o = new Object[columns.length];
            for (int i = 0; i < columns.length; i++) {
                o[i] = columns[i].eval(r);
            }
            out.add(o);
        }
        return in.withRows(out);
    }
}
