package org.intstream.softswitch.action;

import java.math.BigInteger;
import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * Stores a value into a field, reduced modulo 2^width as BMv2's fields do (signed fields keep the two's
 * complement bits).
 */
public final class FieldWrite {
    private final int slot;
    private final boolean wide;
    private final long mask;
    private final BigInteger wideMask;
    private final int width;

    public FieldWrite(FieldInfo field) {
        this.slot = field.slot();
        this.wide = field.wide();
        this.mask = field.mask();
        this.wideMask = BigInteger.ONE.shiftLeft(field.width()).subtract(BigInteger.ONE);
        this.width = field.width();
    }

    public void store(PacketContext c, Expr value) {
        if (wide) {
            long small = value.evalSmall(c);
            if (small != Expr.NOT_SMALL && small >= 0) {
                c.phv.wide[slot] = BigInteger.valueOf(small);
                return;
            }
            BigInteger v = value.evalBig(c);
            // A value already within the field is stored as is (BigIntegers are immutable).
            c.phv.wide[slot] = v.signum() >= 0 && v.bitLength() <= width ? v : v.and(wideMask);
        } else {
            c.phv.values[slot] = value.evalLong(c) & mask;
        }
    }

    public void store(PacketContext c, long value) {
        if (wide) {
            c.phv.wide[slot] = new BigInteger(Long.toUnsignedString(value));
        } else {
            c.phv.values[slot] = value & mask;
        }
    }

    public void store(PacketContext c, BigInteger value) {
        if (wide) {
            c.phv.wide[slot] = value.and(wideMask);
        } else {
            c.phv.values[slot] = value.longValue() & mask;
        }
    }
}
