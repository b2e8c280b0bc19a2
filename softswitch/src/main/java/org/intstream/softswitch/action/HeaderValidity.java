package org.intstream.softswitch.action;

import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.model.Layout;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code add_header} (setValid) and {@code remove_header} (setInvalid). As in BMv2, making an invalid
 * header valid zeroes its fields; a header that is already valid keeps them.
 */
public final class HeaderValidity implements Primitive {
    private final Layout layout;
    private final HeaderInfo header;
    private final boolean valid;

    public HeaderValidity(Layout layout, HeaderInfo header, boolean valid) {
        this.layout = layout;
        this.header = header;
        this.valid = valid;
    }

    @Override
    public void execute(PacketContext c) {
        int h = header.index();
        if (valid != c.phv.valid[h]) {
            c.lengthRegister += valid ? header.bytes() : -header.bytes();
        }
        if (valid && !c.phv.valid[h]) {
            for (FieldInfo f : header.fields()) {
                if (f.wide()) {
                    c.phv.wide[f.slot()] = java.math.BigInteger.ZERO;
                } else {
                    c.phv.values[f.slot()] = 0;
                }
            }
        }
        if (valid) {
            layout.markValid(c.phv, h);
        } else {
            c.phv.valid[h] = false;
        }
    }
}
