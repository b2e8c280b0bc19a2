package org.intstream.softswitch.action;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code resubmit(field list)} (in ingress: the packet as it arrived goes through ingress again) and
 * {@code recirculate(field list)} (in egress: the deparsed packet goes through ingress again). Only the
 * request is recorded; the traffic manager acts at the end of the pipeline, and a later call replaces an
 * earlier one, as in BMv2.
 */
public final class LoopRequest implements Primitive {
    private final Expr fieldList;
    private final boolean recirculate;

    public LoopRequest(Expr fieldList, boolean recirculate) {
        this.fieldList = fieldList;
        this.recirculate = recirculate;
    }

    @Override
    public void execute(PacketContext c) {
        int id = (int) (fieldList.evalLong(c) & 0xFFFF);
        if (recirculate) {
            c.recirculateFieldList = id;
        } else {
            c.resubmitFieldList = id;
        }
    }
}
