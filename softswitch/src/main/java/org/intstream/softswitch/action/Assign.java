package org.intstream.softswitch.action;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code assign(field, expression)} (also the parser's {@code set}). */
public final class Assign implements Primitive {
    private final FieldWrite target;
    private final Expr value;

    public Assign(FieldWrite target, Expr value) {
        this.target = target;
        this.value = value;
    }

    @Override
    public void execute(PacketContext c) {
        target.store(c, value);
    }
}
