package org.intstream.engine.packet;

/**
 * What one {@link PacketDecoder} met: frames decoded, headers cut off by the snap length, headers that are
 * malformed, frames that carry no IP and link types it does not read. Plain counters, owned by the
 * decoder's thread.
 */
public final class DecodeStats {
    long frames;
    long truncated;
    long malformed;
    long nonIp;
    long unsupportedLinkType;

    /** Frames handed to the decoder. */
    public long frames() {
        return frames;
    }

    /** Frames whose captured bytes stop inside a header the decoder needed (snap length). */
    public long truncated() {
        return truncated;
    }

    /** Frames with an impossible header: wrong IP version, lengths below the minimum, too many tags. */
    public long malformed() {
        return malformed;
    }

    /** Frames of a known link type that carry something other than IPv4 or IPv6 (ARP, LLDP...). */
    public long nonIp() {
        return nonIp;
    }

    /** Frames of a link type the decoder does not read. */
    public long unsupportedLinkType() {
        return unsupportedLinkType;
    }

    @Override
    public String toString() {
        return "frames=" + frames + " truncated=" + truncated + " malformed=" + malformed + " nonIp=" + nonIp
                + " unsupportedLinkType=" + unsupportedLinkType;
    }
}
