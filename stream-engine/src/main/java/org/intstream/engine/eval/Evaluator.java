package org.intstream.engine.eval;

import org.intstream.engine.record.Record;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.Type;

/**
 * A compiled expression. The typed entry points ({@link #evalLong}, {@link #evalDouble}, {@link #test},
 * {@link #ip4}) allocate nothing and signal absence through {@link Record#absent}; {@link #eval} boxes and
 * returns null for absent. Subclasses override the entry points their type makes fast; the defaults go
 * through {@link #eval}.
 */
public abstract class Evaluator {
    /** {@link #test} results: SQL's three truth values. */
    public static final int FALSE = 0;
    public static final int TRUE = 1;
    public static final int UNKNOWN = -1;

    private final Type type;

    protected Evaluator(Type type) {
        this.type = type;
    }

    public final Type type() {
        return type;
    }

    /** The value boxed as in {@code Literal}, or null when absent. */
    public abstract Object eval(Record r);

    /** INT, TIMESTAMP, DURATION, BOOL (1/0) as a long; sets {@code r.absent} when absent. */
    public long evalLong(Record r) {
        Object v = eval(r);
        if (v == null) {
            r.absent = true;
            return 0;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        return ((Number) v).longValue();
    }

    /** A number as a double; sets {@code r.absent} when absent. */
    public double evalDouble(Record r) {
        Object v = eval(r);
        if (v == null) {
            r.absent = true;
            return 0;
        }
        return ((Number) v).doubleValue();
    }

    /** A BOOL as TRUE, FALSE or UNKNOWN (absent). Leaves {@code r.absent} as it found it. */
    public int test(Record r) {
        Object v = eval(r);
        return v == null ? UNKNOWN : (Boolean) v ? TRUE : FALSE;
    }

    /**
     * An IP as its unsigned IPv4 bits, or -1 when it is an IPv6 address; sets {@code r.absent} when absent.
     */
    public long ip4(Record r) {
        Object v = eval(r);
        if (v == null) {
            r.absent = true;
            return 0;
        }
        IpAddress a = (IpAddress) v;
        return a.isV4() ? a.v4Bits() & 0xFFFFFFFFL : -1;
    }

    /** True when this evaluator gives the same value for every record. */
    public boolean isConstant() {
        return false;
    }
}
