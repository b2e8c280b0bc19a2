package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.runtime.PacketContext;

/** Reads a field wider than 64 bits (stored as its unsigned value; signed ones are converted). */
public final class WideFieldRead extends Expr {
    private final int slot;
    private final int width;
    private final boolean signed;

    public WideFieldRead(FieldInfo field) {
        super(field.signed() ? field.width() - 1 : field.width(), field.signed());
        this.slot = field.slot();
        this.width = field.width();
        this.signed = field.signed();
    }

    @Override
    public long evalLong(PacketContext c) {
        return c.phv.wide[slot].longValue();
    }

    @Override
    public long evalSmall(PacketContext c) {
        BigInteger v = c.phv.wide[slot];
        if (signed && v.testBit(width - 1)) {
            return small(evalBig(c));
        }
        return v.bitLength() <= 62 ? v.longValue() : NOT_SMALL;
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        BigInteger v = c.phv.wide[slot];
        return signed && v.testBit(width - 1) ? v.subtract(BigInteger.ONE.shiftLeft(width)) : v;
    }
}
