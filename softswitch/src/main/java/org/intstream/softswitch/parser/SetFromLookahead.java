package org.intstream.softswitch.parser;

import org.intstream.softswitch.action.FieldWrite;
import org.intstream.softswitch.runtime.HeaderCodec;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code set(field, lookahead(offset, width))}: copies bits ahead of the parse position into a field
 * without consuming them; fewer than {@code ceil(width / 8)} bytes left is PacketTooShort, as in BMv2.
 */
public final class SetFromLookahead implements ParserOp {
    private final FieldWrite target;
    private final int offsetBits;
    private final int widthBits;
    private final int packetTooShort;

    public SetFromLookahead(FieldWrite target, int offsetBits, int widthBits, int packetTooShort) {
        if (widthBits > 64) {
            throw new IllegalArgumentException("lookahead of " + widthBits + " bits; at most 64 are supported");
        }
        this.target = target;
        this.offsetBits = offsetBits;
        this.widthBits = widthBits;
        this.packetTooShort = packetTooShort;
    }

    @Override
    public void apply(PacketContext c) {
        int remaining = c.length - c.payloadOffset;
        if (remaining < (widthBits + 7) / 8 || (offsetBits + widthBits + 7) / 8 > remaining) {
            throw new ParserError(packetTooShort);
        }
        target.store(c, HeaderCodec.readBits(c.data, c.payloadOffset * 8 + offsetBits, widthBits));
    }
}
