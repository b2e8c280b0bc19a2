package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** Boolean and, or (short-circuit), not, and BMv2's conversions d2b (data to bool) and b2d. */
public final class Logical extends Expr {
    /** Which operation. */
    public enum Kind { AND, OR, NOT, D2B, B2D }

    private final Kind kind;
    private final Expr left;
    private final Expr right;

    public Logical(Kind kind, Expr left, Expr right) {
        super(1, false);
        this.kind = kind;
        this.left = left;
        this.right = right;
    }

    @Override
    public boolean evalBool(PacketContext c) {
        switch (kind) {
            case AND:
                return left.evalBool(c) && right.evalBool(c);
            case OR:
                return left.evalBool(c) || right.evalBool(c);
            case NOT:
                return !right.evalBool(c);
            default:
                return right.evalBool(c);
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
        return kind != Kind.B2D;
    }
}
