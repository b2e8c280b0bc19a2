package org.intstream.softswitch.action;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.extern.RegisterArray;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code register_read(dst, register, index)}. */
public final class RegisterRead implements Primitive {
    private final FieldWrite dst;
    private final RegisterArray register;
    private final Expr index;

    public RegisterRead(FieldWrite dst, RegisterArray register, Expr index) {
        this.dst = dst;
        this.register = register;
        this.index = index;
    }

    @Override
    public void execute(PacketContext c) {
        long i = index.evalLong(c);
        if (register.wide()) {
            dst.store(c, register.readBig(i));
        } else {
            dst.store(c, register.read(i));
        }
    }
}
