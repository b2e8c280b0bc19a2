package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * A compiled BMv2 expression. BMv2 evaluates expressions on unbounded integers; so does {@link #evalBig}.
 * The fast path {@link #evalLong} returns the same value modulo 2^64, which is all that assignments to
 * fields of up to 64 bits and ring operations (+, -, *, &lt;&lt;, &amp;, |, ^, ~) need. Operations that
 * need the exact value of an operand (&gt;&gt;, comparisons, saturation, division) read it as a long
 * when the operand's static bound says it fits, and as a BigInteger otherwise.
 */
public abstract class Expr {
    /** Larger than any real bound; used for values whose size is not known statically. */
    public static final int UNBOUNDED = 1 << 20;

    /** An upper bound on the bit length of the value's magnitude. */
    public final int bits;
    /** Whether the value can be negative. */
    public final boolean negative;

    protected Expr(int bits, boolean negative) {
        this.bits = Math.min(bits, UNBOUNDED);
        this.negative = negative;
    }

    /** The value modulo 2^64, as two's complement bits. */
    public abstract long evalLong(PacketContext c);

    /** The exact value. */
    public abstract BigInteger evalBig(PacketContext c);

    /** What {@link #evalSmall} returns for a value whose magnitude needs more than 62 bits. */
    public static final long NOT_SMALL = Long.MIN_VALUE;
    /** Bound of a small value's magnitude: sums and differences of two small values fit in a long. */
    static final long SMALL_LIMIT = 1L << 62;

    /**
     * The exact value when its magnitude is below 2^62, else {@link #NOT_SMALL}. Lets wide expressions
     * (bit<128> fields holding small values, the usual case) run on longs without BigInteger.
     */
    public long evalSmall(PacketContext c) {
        if (bits <= 62) {
            return evalLong(c);
        }
        return small(evalBig(c));
    }

    /** The long of a BigInteger that is small, else {@link #NOT_SMALL}. */
    static long small(BigInteger v) {
        return v.bitLength() <= 62 ? v.longValue() : NOT_SMALL;
    }

    /** The long itself when its magnitude is below 2^62, else {@link #NOT_SMALL}. */
    static long small(long v) {
        return v > -SMALL_LIMIT && v < SMALL_LIMIT ? v : NOT_SMALL;
    }

    /** Truth value: non-zero is true (BMv2's d2b); boolean expressions override this. */
    public boolean evalBool(PacketContext c) {
        return exactInLong() ? evalLong(c) != 0 : evalBig(c).signum() != 0;
    }

    /** True when {@link #evalLong} is the exact value (unsigned if the value is never negative). */
    public final boolean exactInLong() {
        return negative ? bits <= 63 : bits <= 64;
    }

    /** Whether the expression is a boolean (conditions, comparisons). */
    public boolean isBoolean() {
        return false;
    }

    /** The exact value as BigInteger from the long path, honouring the sign convention. */
    protected final BigInteger exactFromLong(long v) {
        if (negative || v >= 0) {
            return BigInteger.valueOf(v);
        }
        return BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(64));
    }
}
