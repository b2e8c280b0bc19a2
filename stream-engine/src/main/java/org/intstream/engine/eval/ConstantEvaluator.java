package org.intstream.engine.eval;

import org.intstream.engine.record.Record;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.Type;

/** A literal (or a folded constant). */
public final class ConstantEvaluator extends Evaluator {
    private final Object value;
    private final long longValue;
    private final double doubleValue;

    public ConstantEvaluator(Object value, Type type) {
        super(type);
        this.value = value;
        if (value instanceof Boolean) {
            longValue = (Boolean) value ? 1 : 0;
        } else if (value instanceof IpAddress) {
            IpAddress a = (IpAddress) value;
            longValue = a.isV4() ? a.v4Bits() & 0xFFFFFFFFL : -1;
        } else if (value instanceof Number) {
            longValue = ((Number) value).longValue();
        } else {
            longValue = 0;
        }
        doubleValue = value instanceof Number ? ((Number) value).doubleValue() : longValue;
    }

    public Object value() {
        return value;
    }

    @Override
    public Object eval(Record r) {
        return value;
    }

    @Override
    public long evalLong(Record r) {
        if (value == null) {
            r.absent = true;
        }
        return longValue;
    }

    @Override
    public double evalDouble(Record r) {
        if (value == null) {
            r.absent = true;
        }
        return doubleValue;
    }

    @Override
    public int test(Record r) {
        return value == null ? UNKNOWN : longValue != 0 ? TRUE : FALSE;
    }

    @Override
    public long ip4(Record r) {
        if (value == null) {
            r.absent = true;
        }
        return longValue;
    }

    @Override
    public boolean isConstant() {
        return true;
    }
}
