package org.intstream.engine.packet;

/**
 * Text forms of the addresses a {@link Packet} holds: IPv4 as an int (dotted quad), IPv6 as two longs
 * (RFC 5952 canonical text: lower-case hex, no leading zeros, the longest run of two or more zero groups
 * as "::", the first such run on a tie, and IPv4-mapped addresses as {@code ::ffff:a.b.c.d}). Parsing is
 * strict and says what is wrong.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    public static String v4ToString(int address) {
        return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }

    /** Parses a dotted quad such as {@code 10.0.0.1}; leading zeros are refused as ambiguous (octal?). */
    public static int parseV4(String text) {
        int value = parseV4Part(text, 0, text.length(), text);
        return value;
    }

    private static int parseV4Part(String text, int from, int to, String whole) {
        int value = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int part = 0;
            while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                part = part * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    throw invalid(whole, "IPv4", "a part has more than 3 digits");
                }
            }
            if (i == start) {
                throw invalid(whole, "IPv4", "expected a decimal number at position " + i);
            }
            if (i - start > 1 && text.charAt(start) == '0') {
                throw invalid(whole, "IPv4", "a part has a leading zero");
            }
            if (part > 255) {
                throw invalid(whole, "IPv4", "part " + part + " is above 255");
            }
            value = (value << 8) | part;
            parts++;
            if (parts == 4) {
                if (i != to) {
                    throw invalid(whole, "IPv4", "unexpected text after the fourth part");
                }
                return value;
            }
            if (i >= to || text.charAt(i) != '.') {
                throw invalid(whole, "IPv4", "expected 4 dot-separated parts");
            }
            i++;
        }
    }

    /** Canonical RFC 5952 text of the IPv6 address {@code hi:lo} (the high 64 bits first). */
    public static String v6ToString(long hi, long lo) {
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return "::ffff:" + v4ToString((int) lo);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** Parses IPv6 text (with "::" and a trailing dotted quad allowed) into {high 64 bits, low 64 bits}. */
    public static long[] parseV6(String text) {
        if (text.indexOf('%') >= 0) {
            throw invalid(text, "IPv6", "zone ids are not supported");
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int n = text.length();
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.startsWith(":")) {
            throw invalid(text, "IPv6", "a single leading ':'");
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && Character.digit(text.charAt(i), 16) >= 0) {
                value = (value << 4) | Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                // A dotted quad ends the address and fills its last two groups.
                if (count > 6) {
                    throw invalid(text, "IPv6", "too many groups before the embedded IPv4 address");
                }
                int v4 = parseV4Part(text, start, n, text);
                groups[count++] = (v4 >>> 16) & 0xFFFF;
                groups[count++] = v4 & 0xFFFF;
                i = n;
                break;
            }
            if (i == start) {
                throw invalid(text, "IPv6", "expected a hex group at position " + i);
            }
            if (i - start > 4) {
                throw invalid(text, "IPv6", "a group has more than 4 hex digits");
            }
            if (count == 8) {
                throw invalid(text, "IPv6", "more than 8 groups");
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                throw invalid(text, "IPv6", "unexpected '" + text.charAt(i) + "' at position " + i);
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    throw invalid(text, "IPv6", "more than one '::'");
                }
                gap = count;
                i++;
            } else if (i == n) {
                throw invalid(text, "IPv6", "a single trailing ':'");
            }
        }
        if (gap < 0 && count != 8) {
            throw invalid(text, "IPv6", "expected 8 groups, found " + count);
        }
        if (gap >= 0 && count > 7) {
            throw invalid(text, "IPv6", "'::' stands for no group");
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        return new long[] {hi, lo};
    }

    /** The packet's source address as text, or null when it has none. */
    public static String source(Packet p) {
        if (!p.has(Packet.IP_SRC)) {
            return null;
        }
        return p.ipVersion == 4 ? v4ToString(p.ip4Src) : v6ToString(p.ip6SrcHi, p.ip6SrcLo);
    }

    /** The packet's destination address as text, or null when it has none. */
    public static String destination(Packet p) {
        if (!p.has(Packet.IP_DST)) {
            return null;
        }
        return p.ipVersion == 4 ? v4ToString(p.ip4Dst) : v6ToString(p.ip6DstHi, p.ip6DstLo);
    }

    private static IllegalArgumentException invalid(String text, String family, String why) {
        return new IllegalArgumentException("not an " + family + " address: \"" + text + "\": " + why);
    }
}
