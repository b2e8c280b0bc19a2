package org.intstream.softswitch.action;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.extern.RegisterArray;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code register_write(register, index, value)}. */
public final class RegisterWrite implements Primitive {
    private final RegisterArray register;
    private final Expr index;
    private final Expr value;

    public RegisterWrite(RegisterArray register, Expr index, Expr value) {
        this.register = register;
        this.index = index;
        this.value = value;
    }

    @Override
    public void execute(PacketContext c) {
        long i = index.evalLong(c);
        if (register.wide()) {
            register.write(i, value.evalBig(c));
        } else {
            register.write(i, value.evalLong(c));
        }
    }
}
