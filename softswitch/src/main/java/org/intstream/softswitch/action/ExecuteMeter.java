package org.intstream.softswitch.action;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.extern.MeterArray;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code execute_meter(meter, index, dst)}: dst := the packet's colour. */
public final class ExecuteMeter implements Primitive {
    private final MeterArray meter;
    private final Expr index;
    private final FieldWrite dst;

    public ExecuteMeter(MeterArray meter, Expr index, FieldWrite dst) {
        this.meter = meter;
        this.index = index;
        this.dst = dst;
    }

    @Override
    public void execute(PacketContext c) {
        dst.store(c, meter.execute(index.evalLong(c), c.tsMicros, c.ingressLength));
    }
}
