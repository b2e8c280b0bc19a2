package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.runtime.PacketContext;

/** A parameter of the running action (BMv2 {@code runtime_data}), as given by the table entry. */
public final class ActionArgument extends Expr {
    private final int index;
    private final boolean wide;

    public ActionArgument(int index, int width) {
        super(width, false);
        this.index = index;
        this.wide = width > 64;
    }

    @Override
    public long evalLong(PacketContext c) {
        return wide ? c.wideArgs[index].longValue() : c.args[index];
    }

    @Override
    public long evalSmall(PacketContext c) {
        if (!wide) {
            long v = c.args[index];
            return bits <= 62 || (v >= 0 && v < SMALL_LIMIT) ? v : NOT_SMALL;
        }
        return small(c.wideArgs[index]);
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        return wide ? c.wideArgs[index] : exactFromLong(c.args[index]);
    }
}
