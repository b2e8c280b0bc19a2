package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** ==, !=, &lt;, &gt;, &lt;=, &gt;= on exact values (booleans compare as 0/1). */
public final class Comparison extends Expr {
    /** Which comparison. */
    public enum Kind { EQ, NE, LT, GT, LE, GE }

    private final Kind kind;
    private final Expr left;
    private final Expr right;

    public Comparison(Kind kind, Expr left, Expr right) {
        super(1, false);
        this.kind = kind;
        this.left = left;
        this.right = right;
    }

    @Override
    public boolean evalBool(PacketContext c) {
        int cmp = Operands.compare(left, right, c);
        switch (kind) {
            case EQ:
                return cmp == 0;
            case NE:
                return cmp != 0;
            case LT:
                return cmp < 0;
            case GT:
                return cmp > 0;
            case LE:
                return cmp <= 0;
            default:
                return cmp >= 0;
        }
    }

    @Override
    public long evalLong(PacketContext c) {
        return evalBool(c) ? 1 : 0;
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        return evalBool(c) ? BigInteger.ONE : BigInteger.ZERO;
    }

    @Override
    public boolean isBoolean() {
        return true;
    }
}
