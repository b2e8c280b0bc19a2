package org.intstream.engine.exec;

import java.util.List;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;

/**
 * An unwindowed pipeline: each record that passes the filters becomes one output row at once (a
 * stream of tuples, like a capture with a display filter and chosen columns).
 */
final class RecordEmitter {
    private final Evaluator filter;
    private final Evaluator[] columns;

    RecordEmitter(Evaluator filter, Evaluator[] columns) {
        this.filter = filter;
        this.columns = columns;
    }

    /** The row for this record, or null when filtered out. */
    WindowBatch emit(Record r) {
        if (filter != null && filter.test(r) != Evaluator.TRUE) {
            return null;
        }
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            row[i] = columns[i].eval(r);
        }
        return WindowBatch.exact(r.time(), -1, List.<Object[]>of(row));
    }
}
