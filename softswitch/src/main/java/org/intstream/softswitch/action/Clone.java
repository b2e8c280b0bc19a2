package org.intstream.softswitch.action;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code clone_ingress_pkt_to_egress} / {@code clone_egress_pkt_to_egress}(session, field list): records
 * the request; the traffic manager makes the copy at the end of the pipeline. A later clone call replaces
 * an earlier one, as in BMv2.
 */
public final class Clone implements Primitive {
    private final Expr session;
    private final Expr fieldList;

    public Clone(Expr session, Expr fieldList) {
        this.session = session;
        this.fieldList = fieldList;
    }

    @Override
    public void execute(PacketContext c) {
        c.cloneSession = (int) (session.evalLong(c) & 0xFFFF);
        c.cloneFieldList = (int) (fieldList.evalLong(c) & 0xFFFF);
    }
}
