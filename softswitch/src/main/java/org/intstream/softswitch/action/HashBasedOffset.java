package org.intstream.softswitch.action;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.extern.Calculation;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code modify_field_with_hash_based_offset(dst, base, calculation, max)}, which p4c emits for v1model's
 * {@code hash()}: dst := base + (hash mod max), with a max of 0 taken as 1 as BMv2 does.
 */
public final class HashBasedOffset implements Primitive {
    private final FieldWrite dst;
    private final Expr base;
    private final Calculation calculation;
    private final Expr max;

    public HashBasedOffset(FieldWrite dst, Expr base, Calculation calculation, Expr max) {
        this.dst = dst;
        this.base = base;
        this.calculation = calculation;
        this.max = max;
    }

    @Override
    public void execute(PacketContext c) {
        long size = max.evalLong(c);
        if (size == 0) {
            size = 1;
        }
        long h = calculation.compute(c);
        dst.store(c, Long.remainderUnsigned(h, size) + base.evalLong(c));
    }
}
