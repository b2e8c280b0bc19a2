package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** Reading operands exactly, on the long path when their bound allows. */
final class Operands {
    private Operands() {
    }

    /** A shift amount: never negative in programs p4c accepts; huge amounts are capped. */
    static long shiftAmount(Expr amount, PacketContext c) {
        if (amount.exactInLong()) {
            long s = amount.evalLong(c);
            if (amount.negative || s >= 0) {
                return Math.max(s, 0);
            }
            return Long.MAX_VALUE;
        }
        BigInteger s = amount.evalBig(c);
        return s.signum() <= 0 ? 0 : s.bitLength() > 62 ? Long.MAX_VALUE : s.longValue();
    }

    /** Compares two exact values. */
    static int compare(Expr a, Expr b, PacketContext c) {
        if (a.exactInLong() && b.exactInLong()) {
            if (!a.negative && !b.negative) {
                return Long.compareUnsigned(a.evalLong(c), b.evalLong(c));
            }
            if (a.bits <= 63 && b.bits <= 63) {
                return Long.compare(a.evalLong(c), b.evalLong(c));
            }
        }
        long sa = a.evalSmall(c);
        if (sa != Expr.NOT_SMALL) {
            long sb = b.evalSmall(c);
            if (sb != Expr.NOT_SMALL) {
                return Long.compare(sa, sb);
            }
        }
        return a.evalBig(c).compareTo(b.evalBig(c));
    }
}
