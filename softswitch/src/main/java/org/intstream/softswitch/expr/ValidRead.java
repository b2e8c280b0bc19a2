package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * A header's validity: as the 1-bit field {@code $valid$} (BMv2 reads it as 0 or 1) or as the boolean
 * {@code valid(header)} operation.
 */
public final class ValidRead extends Expr {
    private final int header;
    private final boolean asBoolean;

    public ValidRead(int header, boolean asBoolean) {
        super(1, false);
        this.header = header;
        this.asBoolean = asBoolean;
    }

    @Override
    public long evalLong(PacketContext c) {
        return c.phv.valid[header] ? 1 : 0;
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        return c.phv.valid[header] ? BigInteger.ONE : BigInteger.ZERO;
    }

    @Override
    public boolean evalBool(PacketContext c) {
        return c.phv.valid[header];
    }

    @Override
    public boolean isBoolean() {
        return asBoolean;
    }
}
