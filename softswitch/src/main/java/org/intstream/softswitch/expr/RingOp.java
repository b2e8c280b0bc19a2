package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * The operations that commute with reduction modulo 2^64 (+, -, *, &amp;, |, ^), so their long path
 * works on any operands. The static bound follows the unbounded result.
 */
public final class RingOp extends Expr {
    /** Which operation. */
    public enum Kind { ADD, SUB, MUL, AND, OR, XOR }

    private final Kind kind;
    private final Expr left;
    private final Expr right;

    public RingOp(Kind kind, Expr left, Expr right) {
        super(bound(kind, left, right), negative(kind, left, right));
        this.kind = kind;
        this.left = left;
        this.right = right;
    }

    /** The small result from small operands, without falling back on BigInteger; else NOT_SMALL. */
    private long evalSmallOperands(PacketContext c) {
        long a = left.evalSmall(c);
        if (kind == Kind.AND && a != NOT_SMALL && a >= 0) {
            return a & right.evalLong(c);
        }
        long b = a == NOT_SMALL ? NOT_SMALL : right.evalSmall(c);
        return b == NOT_SMALL ? NOT_SMALL : combine(a, b);
    }

    Kind kind() {
        return kind;
    }

    Expr left() {
        return left;
    }

    Expr right() {
        return right;
    }

    private static int bound(Kind kind, Expr l, Expr r) {
        switch (kind) {
            case ADD:
            case SUB:
                return Math.max(l.bits, r.bits) + 1;
            case MUL:
                return l.bits + r.bits;
            case AND:
                if (!l.negative && !r.negative) {
                    return Math.min(l.bits, r.bits);
                }
                if (!l.negative) {
                    return l.bits;
                }
                if (!r.negative) {
                    return r.bits;
                }
                return Math.max(l.bits, r.bits);
            default:
                return Math.max(l.bits, r.bits);
        }
    }

    private static boolean negative(Kind kind, Expr l, Expr r) {
        switch (kind) {
            case SUB:
                return true;
            case AND:
                return l.negative && r.negative;
            default:
                return l.negative || r.negative;
        }
    }

    @Override
    public long evalLong(PacketContext c) {
        long a = left.evalLong(c);
        long b = right.evalLong(c);
        switch (kind) {
            case ADD:
                return a + b;
            case SUB:
                return a - b;
            case MUL:
                return a * b;
            case AND:
                return a & b;
            case OR:
                return a | b;
            default:
                return a ^ b;
        }
    }

    @Override
    public long evalSmall(PacketContext c) {
        if (bits <= 62) {
            return evalLong(c);
        }
        long a = left.evalSmall(c);
        if (kind == Kind.AND && a != NOT_SMALL && a >= 0) {
            // A small non-negative value has no bits above 62: the other side's low 64 bits decide.
            return a & right.evalLong(c);
        }
        long b = right.evalSmall(c);
        if (kind == Kind.AND && b != NOT_SMALL && b >= 0) {
            return left.evalLong(c) & b;
        }
        if (a == NOT_SMALL || b == NOT_SMALL) {
            return small(evalBig(c));
        }
        return combine(a, b);
    }

    /** The result of two small operands, if small. */
    private long combine(long a, long b) {
        switch (kind) {
            case ADD:
                return small(a + b);
            case SUB:
                return small(a - b);
            case MUL: {
                long lo = a * b;
                return Math.multiplyHigh(a, b) == (lo >> 63) ? small(lo) : NOT_SMALL;
            }
            case AND:
                return a & b;
            case OR:
                return a | b;
            default:
                return a ^ b;
        }
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        if (exactInLong()) {
            return exactFromLong(evalLong(c));
        }
        long s = evalSmallOperands(c);
        if (s != NOT_SMALL) {
            return BigInteger.valueOf(s);
        }
        BigInteger a = left.evalBig(c);
        BigInteger b = right.evalBig(c);
        switch (kind) {
            case ADD:
                return a.add(b);
            case SUB:
                return a.subtract(b);
            case MUL:
                return a.multiply(b);
            case AND:
                return a.and(b);
            case OR:
                return a.or(b);
            default:
                return a.xor(b);
        }
    }
}
