package org.intstream.softswitch.action;

import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code assign_header(dst, src)}: copies validity and every field between headers of one type. */
public final class AssignHeader implements Primitive {
    private final HeaderInfo dst;
    private final HeaderInfo src;

    public AssignHeader(HeaderInfo dst, HeaderInfo src) {
        this.dst = dst;
        this.src = src;
    }

    @Override
    public void execute(PacketContext c) {
        c.phv.valid[dst.index()] = c.phv.valid[src.index()];
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
