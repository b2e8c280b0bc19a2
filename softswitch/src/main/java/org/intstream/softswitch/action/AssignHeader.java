package org.intstream.softswitch.action;

import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.model.Layout;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code assign_header(dst, src)}: copies validity and every field between headers of one type; an
 * invalid source only invalidates the destination, as in BMv2.
 */
public final class AssignHeader implements Primitive {
    private final Layout layout;
    private final HeaderInfo dst;
    private final HeaderInfo src;

    public AssignHeader(Layout layout, HeaderInfo dst, HeaderInfo src) {
        this.layout = layout;
        this.dst = dst;
        this.src = src;
    }

    @Override
    public void execute(PacketContext c) {
        copy(layout, c, dst, src);
    }

    /** Copies one header into another of the same type. */
    static void copy(Layout layout, PacketContext c, HeaderInfo dst, HeaderInfo src) {
        if (!c.phv.valid[src.index()]) {
            c.phv.valid[dst.index()] = false;
            return;
        }
        layout.markValid(c.phv, dst.index());
        for (int i = 0; i < dst.fields().size(); i++) {
            FieldInfo d = dst.fields().get(i);
            FieldInfo s = src.fields().get(i);
            if (d.wide()) {
                c.phv.wide[d.slot()] = c.phv.wide[s.slot()];
            } else {
                c.phv.values[d.slot()] = c.phv.values[s.slot()];
            }
        }
    }
}
