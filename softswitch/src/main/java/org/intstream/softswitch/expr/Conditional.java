package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code cond ? a : b}. */
public final class Conditional extends Expr {
    private final Expr condition;
    private final Expr ifTrue;
    private final Expr ifFalse;

    public Conditional(Expr condition, Expr ifTrue, Expr ifFalse) {
        super(Math.max(ifTrue.bits, ifFalse.bits), ifTrue.negative || ifFalse.negative);
        this.condition = condition;
        this.ifTrue = ifTrue;
        this.ifFalse = ifFalse;
    }

    @Override
    public long evalLong(PacketContext c) {
        return condition.evalBool(c) ? ifTrue.evalLong(c) : ifFalse.evalLong(c);
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        return condition.evalBool(c) ? ifTrue.evalBig(c) : ifFalse.evalBig(c);
    }

    @Override
    public long evalSmall(PacketContext c) {
        return condition.evalBool(c) ? ifTrue.evalSmall(c) : ifFalse.evalSmall(c);
    }

    @Override
    public boolean evalBool(PacketContext c) {
        return condition.evalBool(c) ? ifTrue.evalBool(c) : ifFalse.evalBool(c);
    }

    @Override
    public boolean isBoolean() {
        return ifTrue.isBoolean() && ifFalse.isBoolean();
    }
}
