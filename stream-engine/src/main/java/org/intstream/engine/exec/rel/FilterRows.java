package org.intstream.engine.exec.rel;

import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.record.RowRecord;

/** Keeps the rows for which the condition is true. */
public final class FilterRows implements RelationOperator {
    private final Evaluator condition;

    public FilterRows(Evaluator condition) {
        this.condition = condition;
    }

    @Override
    public WindowBatch apply(WindowBatch in) {
        List<Object[]> out = new ArrayList<>();
        RowRecord r = new RowRecord();
        for (Object[] row : in.rows) {
            if (condition.test(r.reset(row, in.start)) == Evaluator.TRUE) {
                out.add(row);
            }
        }
        return in.withRows(out);
    }
}
