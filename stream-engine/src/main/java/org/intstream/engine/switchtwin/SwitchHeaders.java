package org.intstream.engine.switchtwin;

import org.intstream.query.partition.SwitchField;

/**
 * The header fields of a frame as {@code intstream.p4}'s parser sees them, which differs from the
 * engine's decoder on purpose: one 802.1Q tag at most, IPv4 only, and L4 headers only when the IPv4 header
 * has no options and the packet is not a later fragment. Fields the parser did not extract read zero, as
 * the switch's metadata does. Reused per frame.
 */
public final class SwitchHeaders {
    boolean ipv4;
    int src;
    int dst;
    int proto;
    int sport;
    int dport;
    int flags;

    public int src() {
        return src;
    }

    public int dst() {
        return dst;
    }

    public int proto() {
        return proto;
    }

    public int sport() {
        return sport;
    }

    public int dport() {
        return dport;
    }

    public int tcpFlags() {
        return flags;
    }
    /** Filter fields indexed by {@link SwitchField#ordinal()}. */
    final long[] filterFields = new long[SwitchField.values().length];

    /** Parses an Ethernet frame; returns whether it carries IPv4 (the slots see nothing else). */
    public boolean parse(byte[] b, int off, int len, boolean edge) {
        ipv4 = false;
        src = dst = proto = sport = dport = flags = 0;
        if (len < 14) {
            return false;
        }
        int type = u16(b, off + 12);
        int p = off + 14;
        if (type == 0x8100) {
            if (len < 18) {
                return false;
            }
            type = u16(b, off + 16);
            p = off + 18;
        }
        if (type != 0x0800 || p + 20 > off + len) {
            return false;
        }
        ipv4 = true;
        int ihl = b[p] & 0x0F;
        int fragOffset = u16(b, p + 6) & 0x1FFF;
        proto = b[p + 9] & 0xFF;
        src = i32(b, p + 12);
        dst = i32(b, p + 16);
        int l4 = p + 20;
        if (ihl == 5 && fragOffset == 0) {
            if (proto == 6 && l4 + 20 <= off + len) {
                sport = u16(b, l4);
                dport = u16(b, l4 + 2);
                flags = b[l4 + 13] & 0xFF;
            } else if (proto == 17 && l4 + 8 <= off + len) {
                sport = u16(b, l4);
                dport = u16(b, l4 + 2);
            }
        }
        filterFields[SwitchField.IS_EDGE.ordinal()] = edge ? 1 : 0;
        filterFields[SwitchField.IPV4_SRC.ordinal()] = src & 0xFFFFFFFFL;
        filterFields[SwitchField.IPV4_DST.ordinal()] = dst & 0xFFFFFFFFL;
        filterFields[SwitchField.IP_PROTO.ordinal()] = proto;
        filterFields[SwitchField.L4_SPORT.ordinal()] = sport;
        filterFields[SwitchField.L4_DPORT.ordinal()] = dport;
        filterFields[SwitchField.TCP_FLAGS.ordinal()] = flags;
        return true;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int i32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
