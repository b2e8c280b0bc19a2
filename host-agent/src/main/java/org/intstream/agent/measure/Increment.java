package org.intstream.agent.measure;

import org.intstream.engine.packet.Packet;

/**
 * What a counter adds per packet: {@link #PKT} one, {@link #BYTES} the IPv4 packet's length, header
 * included, read from its total-length field. That is the length the seed's monitor got from netfilter,
 * which hands over IP packets without the link-layer header; it is also immune to Ethernet padding and to
 * a short snap length.
 */
public enum Increment {
    PKT,
    BYTES;

    /** The amount {@code p} adds; {@code p} must be IPv4 with its header captured. */
    public long amount(Packet p) {
        if (this == PKT) {
            return 1;
        }
        int at = p.l3Offset + 2;
        return ((p.data[at] & 0xFF) << 8) | (p.data[at + 1] & 0xFF);
    }

    /** The field's text form: pkt or bytes. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The increment named {@code text} (pkt or bytes, any case), or null. */
    public static Increment byName(String text) {
        for (Increment increment : values()) {
            if (increment.name().equalsIgnoreCase(text)) {
                return increment;
            }
        }
        return null;
    }
}
