package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** Bitwise NOT on an unbounded integer: ~x = -(x + 1); p4c masks the result to the field width. */
public final class Complement extends Expr {
    private final Expr operand;

    public Complement(Expr operand) {
        super(operand.bits + 1, true);
        this.operand = operand;
    }

    @Override
    public long evalLong(PacketContext c) {
        return ~operand.evalLong(c);
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        return operand.evalBig(c).not();
    }
}
