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
