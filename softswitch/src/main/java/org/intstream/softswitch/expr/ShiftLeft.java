package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** Left shift; the amount is read exactly, the value modulo 2^64 suffices for the long path. */
public final class ShiftLeft extends Expr {
    private final Expr value;
    private final Expr amount;

    public ShiftLeft(Expr value, Expr amount) {
        super(amount instanceof Constant ? value.bits + ((Constant) amount).value().intValueExact() : UNBOUNDED,
                value.negative);
        this.value = value;
        this.amount = amount;
    }

    @Override
    public long evalLong(PacketContext c) {
        long s = Operands.shiftAmount(amount, c);
        return s >= 64 ? 0 : value.evalLong(c) << s;
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        long s = Operands.shiftAmount(amount, c);
        return value.evalBig(c).shiftLeft((int) Math.min(s, UNBOUNDED));
    }
}
