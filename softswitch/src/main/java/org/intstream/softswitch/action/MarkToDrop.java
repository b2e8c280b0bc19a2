package org.intstream.softswitch.action;

import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code mark_to_drop}: egress_spec := the drop port (511) and mcast_grp := 0, as simple_switch does;
 * the older {@code drop} primitive only sets egress_spec.
 */
public final class MarkToDrop implements Primitive {
    public static final int DROP_PORT = 511;

    private final int egressSpecSlot;
    private final int mcastGrpSlot;

    /** @param mcastGrpSlot slot of mcast_grp, or -1 to leave it */
    public MarkToDrop(int egressSpecSlot, int mcastGrpSlot) {
        this.egressSpecSlot = egressSpecSlot;
        this.mcastGrpSlot = mcastGrpSlot;
    }

    @Override
    public void execute(PacketContext c) {
        c.phv.values[egressSpecSlot] = DROP_PORT;
        if (mcastGrpSlot >= 0) {
            c.phv.values[mcastGrpSlot] = 0;
        }
    }
}
