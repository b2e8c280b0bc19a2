package org.intstream.softswitch.action;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.extern.CounterArray;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code count(counter, index)}: one packet and its ingress length in bytes. */
public final class Count implements Primitive {
    private final CounterArray counter;
    private final Expr index;

    public Count(CounterArray counter, Expr index) {
        this.counter = counter;
        this.index = index;
    }

    @Override
    public void execute(PacketContext c) {
        counter.count(index.evalLong(c), c.ingressLength);
    }
}
