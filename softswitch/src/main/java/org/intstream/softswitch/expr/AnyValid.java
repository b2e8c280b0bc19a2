package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code valid_union}: whether any member of a header union is valid. */
public final class AnyValid extends Expr {
    private final int[] headers;

    public AnyValid(int[] headers) {
        super(1, false);
        this.headers = headers.clone();
    }

    @Override
    public boolean evalBool(PacketContext c) {
        for (int h : headers) {
            if (c.phv.valid[h]) {
                return true;
            }
        }
        return false;
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
