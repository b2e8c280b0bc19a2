package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** Right shift of the exact value (arithmetic for negative values, as BMv2's big integers do). */
public final class ShiftRight extends Expr {
    private final Expr value;
    private final Expr amount;

    /** The factors when the value is a product (of at most 128 bits) and the amount a constant, else null. */
    private final Expr[] factors;
    private final int constantShift;

    public ShiftRight(Expr value, Expr amount) {
        super(value.bits, value.negative);
        this.value = value;
        this.amount = amount;
        this.factors = amount instanceof Constant ? productFactors(value) : null;
        this.constantShift = amount instanceof Constant ? ((Constant) amount).value().min(BigInteger.valueOf(UNBOUNDED)).intValue() : 0;
    }

    /**
     * Recognises p4c's {@code ((a * b) & mask128) >> k} (bit<128> arithmetic such as a multiplication by a
     * reciprocal): the product of two 64-bit values is computed in two longs instead of BigIntegers.
     */
    private static Expr[] productFactors(Expr value) {
        Expr e = value;
        while (e instanceof RingOp && ((RingOp) e).kind() == RingOp.Kind.AND) {
            RingOp and = (RingOp) e;
            Expr mask = and.right();
            if (!(mask instanceof Constant) || !coversLow128(((Constant) mask).value())) {
                return null;
            }
            e = and.left();
        }
        if (e instanceof RingOp && ((RingOp) e).kind() == RingOp.Kind.MUL) {
            return new Expr[] {((RingOp) e).left(), ((RingOp) e).right()};
        }
        return null;
    }

    private static boolean coversLow128(BigInteger mask) {
        return mask.signum() > 0 && mask.bitLength() >= 128 && mask.getLowestSetBit() == 0
                && mask.and(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)).bitCount() == 128;
    }

    /** The high word of the unsigned 128-bit product (Math.unsignedMultiplyHigh arrives in Java 18). */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** The shifted product as {high, low} words, or null when a factor is not a 64-bit non-negative value. */
    private boolean shiftedProduct(PacketContext c, long[] out) {
        long a;
        long b;
        if (factors[0].exactInLong() && !factors[0].negative) {
            a = factors[0].evalLong(c);
        } else {
            a = factors[0].evalSmall(c);
            if (a == NOT_SMALL || a < 0) {
                return false;
            }
        }
        if (factors[1].exactInLong() && !factors[1].negative) {
            b = factors[1].evalLong(c);
        } else {
            b = factors[1].evalSmall(c);
            if (b == NOT_SMALL || b < 0) {
                return false;
            }
        }
        // Both are unsigned 64-bit values: their product fits in 128 bits, so the masks change nothing.
        long lo = a * b;
        long hi = unsignedMultiplyHigh(a, b);
        int s = constantShift;
        if (s >= 128) {
            out[0] = 0;
            out[1] = 0;
        } else if (s >= 64) {
            out[0] = 0;
            out[1] = hi >>> (s - 64);
        } else if (s == 0) {
            out[0] = hi;
            out[1] = lo;
        } else {
            out[0] = hi >>> s;
            out[1] = (lo >>> s) | (hi << (64 - s));
        }
        return true;
    }

    @Override
    public long evalLong(PacketContext c) {
        if (factors != null) {
            long[] words = c.scratch;
            if (shiftedProduct(c, words)) {
                return words[1];
            }
        }
        long s = Operands.shiftAmount(amount, c);
        if (value.exactInLong()) {
            long v = value.evalLong(c);
            if (value.negative) {
                return v >> Math.min(s, 63);
            }
            return s >= 64 ? 0 : v >>> s;
        }
        long small = value.evalSmall(c);
        if (small != NOT_SMALL) {
            return small >> Math.min(s, 63);
        }
        return value.evalBig(c).shiftRight((int) Math.min(s, UNBOUNDED)).longValue();
    }

    @Override
    public long evalSmall(PacketContext c) {
        if (bits <= 62) {
            return evalLong(c);
        }
        if (factors != null) {
            long[] words = c.scratch;
            if (shiftedProduct(c, words)) {
                return words[0] == 0 && words[1] >= 0 && words[1] < SMALL_LIMIT ? words[1] : NOT_SMALL;
            }
        }
        long s = Operands.shiftAmount(amount, c);
        long small = value.evalSmall(c);
        if (small != NOT_SMALL) {
            return small >> Math.min(s, 63);
        }
        return small(value.evalBig(c).shiftRight((int) Math.min(s, UNBOUNDED)));
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        if (value.exactInLong()) {
            return exactFromLong(evalLong(c));
        }
        if (factors != null) {
            long[] words = c.scratch;
            if (shiftedProduct(c, words)) {
                return new BigInteger(Long.toUnsignedString(words[0])).shiftLeft(64)
                        .or(new BigInteger(Long.toUnsignedString(words[1])));
            }
        }
        long s = Operands.shiftAmount(amount, c);
        long small = value.evalSmall(c);
        if (small != NOT_SMALL) {
            return BigInteger.valueOf(small >> Math.min(s, 63));
        }
        return value.evalBig(c).shiftRight((int) Math.min(s, UNBOUNDED));
    }
}
