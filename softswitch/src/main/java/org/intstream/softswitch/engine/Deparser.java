package org.intstream.softswitch.engine;

import java.util.List;
import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.runtime.HeaderCodec;
import org.intstream.softswitch.runtime.PacketContext;

/** Emits the valid headers in the deparser's order, then the unparsed payload. */
public final class Deparser {
    private final HeaderInfo[] order;

    public Deparser(List<HeaderInfo> order) {
        this.order = order.toArray(new HeaderInfo[0]);
    }

    /** The packet's bytes on the wire (before truncation). */
    public byte[] deparse(PacketContext c) {
        int size = c.length - c.payloadOffset;
        for (HeaderInfo h : order) {
            if (c.phv.valid[h.index()]) {
                size += h.bytes();
            }
        }
        byte[] out = new byte[size];
        int at = 0;
        for (HeaderInfo h : order) {
            if (c.phv.valid[h.index()]) {
                HeaderCodec.emit(c.phv, h, out, at);
                at += h.bytes();
            }
        }
        System.arraycopy(c.data, c.payloadOffset, out, at, c.length - c.payloadOffset);
        return out;
    }
}
