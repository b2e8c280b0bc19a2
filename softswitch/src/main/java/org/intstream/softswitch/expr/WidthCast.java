package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * BMv2's width casts: {@code two_comp_mod} (to {@code int<W>}: wrap into [-2^(W-1), 2^(W-1))),
 * {@code usat_cast} and {@code sat_cast} (clamp, for |+| and |-|).
 */
public final class WidthCast extends Expr {
    /** Which cast. */
    public enum Kind { TWO_COMP_MOD, USAT, SAT }

    private final Kind kind;
    private final Expr operand;
    private final int width;
    private final BigInteger min;
    private final BigInteger max;

    public WidthCast(Kind kind, Expr operand, int width) {
        super(kind == Kind.USAT ? width : width - 1, kind != Kind.USAT);
        if (width < 1) {
            throw new IllegalArgumentException("cast width must be at least 1, is " + width);
        }
        this.kind = kind;
        this.operand = operand;
        this.width = width;
        BigInteger one = BigInteger.ONE;
        this.min = kind == Kind.USAT ? BigInteger.ZERO : one.shiftLeft(width - 1).negate();
        this.max = kind == Kind.USAT ? one.shiftLeft(width).subtract(one) : one.shiftLeft(width - 1).subtract(one);
    }

    @Override
    public long evalLong(PacketContext c) {
        if (kind == Kind.TWO_COMP_MOD && width <= 64) {
            int shift = 64 - width;
            return (operand.evalLong(c) << shift) >> shift;
        }
        return evalBig(c).longValue();
    }

    @Override
    public long evalSmall(PacketContext c) {
        if (width <= 62) {
            return evalLong(c);
        }
        long v = operand.evalSmall(c);
        if (v == NOT_SMALL) {
            return small(evalBig(c));
        }
        // A small value lies within every range of 63 bits or more; only USAT clamps negatives.
        return kind == Kind.USAT && v < 0 ? 0 : v;
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        BigInteger v = operand.evalBig(c);
        if (kind == Kind.TWO_COMP_MOD) {
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                v = v.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
                if (v.compareTo(max) > 0) {
                    v = v.subtract(BigInteger.ONE.shiftLeft(width));
                }
            }
            return v;
        }
        if (v.compareTo(max) > 0) {
            return max;
        }
        return v.compareTo(min) < 0 ? min : v;
    }
}
