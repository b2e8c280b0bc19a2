package org.intstream.softswitch.parser;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code verify(condition, error)}: a false condition ends the parse with the error. */
public final class Verify implements ParserOp {
    private final Expr condition;
    private final Expr error;

    public Verify(Expr condition, Expr error) {
        this.condition = condition;
        this.error = error;
    }

    @Override
    public void apply(PacketContext c) {
        if (!condition.evalBool(c)) {
            throw new ParserError((int) error.evalLong(c));
        }
    }
}
