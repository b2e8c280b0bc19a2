package org.intstream.softswitch.parser;

import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.model.Layout;
import org.intstream.softswitch.runtime.HeaderCodec;
import org.intstream.softswitch.runtime.PacketContext;

/** {@code extract(header)}: fails with PacketTooShort if the packet ends first. */
public final class Extract implements ParserOp {
    private final Layout layout;
    private final HeaderInfo header;
    private final int packetTooShort;

    public Extract(Layout layout, HeaderInfo header, int packetTooShort) {
        this.layout = layout;
        this.header = header;
        this.packetTooShort = packetTooShort;
    }

    @Override
    public void apply(PacketContext c) {
        int n = header.bytes();
        if (c.payloadOffset + n > c.length) {
            throw new ParserError(packetTooShort);
        }
        HeaderCodec.extract(c.phv, header, c.data, c.payloadOffset);
        layout.markValid(c.phv, header.index());
        c.payloadOffset += n;
    }
}
