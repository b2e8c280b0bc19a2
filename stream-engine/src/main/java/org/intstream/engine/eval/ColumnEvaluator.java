package org.intstream.engine.eval;

import org.intstream.engine.record.Record;
import org.intstream.query.type.Type;

/** Reads one column of the record. */
public final class ColumnEvaluator extends Evaluator {
    private final int column;

    public ColumnEvaluator(int column, Type type) {
        super(type);
        this.column = column;
    }

    public int column() {
        return column;
    }

    @Override
    public Object eval(Record r) {
        return r.get(column);
    }

    @Override
    public long evalLong(Record r) {
        if (!r.has(column)) {
            r.absent = true;
            return 0;
        }
        return r.getLong(column);
    }

    @Override
    public double evalDouble(Record r) {
        if (!r.has(column)) {
            r.absent = true;
            return 0;
        }
        return type().equals(Type.FLOAT) ? r.getDouble(column) : r.getLong(column);
    }

    @Override
    public int test(Record r) {
        if (!r.has(column)) {
            return UNKNOWN;
        }
        return r.getLong(column) != 0 ? TRUE : FALSE;
    }

    @Override
    public long ip4(Record r) {
        if (!r.has(column)) {
            r.absent = true;
            return 0;
        }
        return r.isIpv4(column) ? r.getLong(column) : -1;
    }
}
