package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** / and % for a non-negative dividend and a positive divisor, the only case BMv2 defines. */
public final class Division extends Expr {
    private final boolean remainder;
    private final Expr left;
    private final Expr right;

    public Division(boolean remainder, Expr left, Expr right) {
        super(remainder ? right.bits : left.bits, false);
        this.remainder = remainder;
        this.left = left;
        this.right = right;
    }

    @Override
    public long evalLong(PacketContext c) {
        if (!left.negative && !right.negative && left.exactInLong() && right.exactInLong()) {
            long a = left.evalLong(c);
            long b = right.evalLong(c);
            if (b == 0) {
                return 0;
            }
            return remainder ? Long.remainderUnsigned(a, b) : Long.divideUnsigned(a, b);
        }
        return evalBig(c).longValue();
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        BigInteger a = left.evalBig(c);
        BigInteger b = right.evalBig(c);
        if (b.signum() == 0) {
            // Undefined in BMv2 (an assertion); P4 only allows constant positive divisors.
            return BigInteger.ZERO;
        }
        return remainder ? a.mod(b.abs()) : a.divide(b);
    }
}
