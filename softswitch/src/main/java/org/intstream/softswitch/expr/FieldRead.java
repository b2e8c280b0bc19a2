package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.runtime.PacketContext;

/** Reads a field of up to 64 bits; signed fields are sign-extended. */
public final class FieldRead extends Expr {
    private final int slot;
    private final int signShift;
    private final boolean signed;

    public FieldRead(FieldInfo field) {
        super(field.signed() ? field.width() - 1 : field.width(), field.signed());
        if (field.wide()) {
            throw new IllegalArgumentException("field " + field.name() + " is wider than 64 bits");
        }
        this.slot = field.slot();
        this.signed = field.signed();
        this.signShift = 64 - field.width();
    }

    @Override
    public long evalLong(PacketContext c) {
        long v = c.phv.values[slot];
        return signed ? (v << signShift) >> signShift : v;
    }

    @Override
    public long evalSmall(PacketContext c) {
        long v = evalLong(c);
        if (signed) {
            return small(v);
        }
        return v >= 0 && v < SMALL_LIMIT ? v : NOT_SMALL;
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        return exactFromLong(evalLong(c));
    }
}
