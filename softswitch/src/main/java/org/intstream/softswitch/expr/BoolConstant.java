package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code true} or {@code false}. */
public final class BoolConstant extends Expr {
    private final boolean value;

    public BoolConstant(boolean value) {
        super(1, false);
        this.value = value;
    }

    @Override
    public long evalLong(PacketContext c) {
        return value ? 1 : 0;
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        return value ? BigInteger.ONE : BigInteger.ZERO;
    }

    @Override
    public boolean evalBool(PacketContext c) {
        return value;
    }

    @Override
    public boolean isBoolean() {
        return true;
    }
}
