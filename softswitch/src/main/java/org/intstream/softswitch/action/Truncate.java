package org.intstream.softswitch.action;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code truncate(length)}: the packet leaves with at most this many bytes; the smallest call wins. */
public final class Truncate implements Primitive {
    private final Expr length;

    public Truncate(Expr length) {
        this.length = length;
    }

    @Override
    public void execute(PacketContext c) {
        c.truncateLength = Math.min(c.truncateLength, length.evalLong(c) & 0xFFFFFFFFL);
    }
}
