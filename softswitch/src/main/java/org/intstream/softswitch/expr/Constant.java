package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** A literal (BMv2 {@code hexstr}); may be negative. */
public final class Constant extends Expr {
    private final BigInteger value;
    private final long low;
    private final long smallValue;

    public Constant(BigInteger value) {
        super(value.abs().bitLength(), value.signum() < 0);
        this.value = value;
        this.low = value.longValue();
        this.smallValue = small(value);
    }

    public BigInteger value() {
        return value;
    }

    @Override
    public long evalLong(PacketContext c) {
        return low;
    }

    @Override
    public long evalSmall(PacketContext c) {
        return smallValue;
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        return value;
    }
}
