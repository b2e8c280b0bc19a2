package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** Right shift of the exact value (arithmetic for negative values, as BMv2's big integers do). */
public final class ShiftRight extends Expr {
    private final Expr value;
    private final Expr amount;

    public ShiftRight(Expr value, Expr amount) {
        super(value.bits, value.negative);
        this.value = value;
        this.amount = amount;
    }

    @Override
    public long evalLong(PacketContext c) {
        long s = Operands.shiftAmount(amount, c);
        if (value.exactInLong()) {
            long v = value.evalLong(c);
            if (value.negative) {
                return v >> Math.min(s, 63);
            }
            return s >= 64 ? 0 : v >>> s;
        }
        return value.evalBig(c).shiftRight((int) Math.min(s, UNBOUNDED)).longValue();
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        if (value.exactInLong()) {
            return exactFromLong(evalLong(c));
        }
        long s = Operands.shiftAmount(amount, c);
        return value.evalBig(c).shiftRight((int) Math.min(s, UNBOUNDED));
    }
}
