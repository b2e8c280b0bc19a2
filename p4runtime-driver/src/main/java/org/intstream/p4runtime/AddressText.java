package org.intstream.p4runtime;

/**
 * Address literals a table entry may be written with: IPv4 dotted quads, IPv6 (with {@code ::} and an
 * optional dotted-quad tail) and MAC addresses (colon or dash separated). Never resolves names: text that is
 * none of these is refused with the reason, so a typo can't turn into a DNS lookup.
 */
final class AddressText {

    private AddressText() {
    }

    static byte[] parse(String text) {
        if (isMac(text)) {
            return parseMac(text);
        }
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        if (text.indexOf('.') >= 0) {
            return parseIpv4(text, text);
        }
        throw new IllegalArgumentException("'" + text + "' is not a number, IPv4, IPv6 or MAC address");
    }

    private static boolean isMac(String text) {
        return text.length() == 17 && text.matches("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");
    }

    private static byte[] parseMac(String text) {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) Integer.parseInt(text.substring(i * 3, i * 3 + 2), 16);
        }
        return out;
    }

    static byte[] parseIpv4(String text, String whole) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(whole, "IPv4 needs 4 dot-separated parts");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw invalid(whole, "IPv4 part '" + p + "' is not a number from 0 to 255");
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                throw invalid(whole, "IPv4 part '" + p + "' has a leading zero (octal?)");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw invalid(whole, "IPv4 part " + v + " is above 255");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw invalid(text, "IPv6 may contain '::' only once");
        }
        int[] head = gap >= 0 ? groups(text.substring(0, gap), text, false) : groups(text, text, true);
        int[] tail = gap >= 0 ? groups(text.substring(gap + 2), text, true) : new int[0];
        int count = head.length + tail.length;
        if (gap < 0 && count != 8) {
            throw invalid(text, "IPv6 needs 8 groups, or '::'");
        }
        if (gap >= 0 && count > 7) {
            throw invalid(text, "IPv6 with '::' has room for at most 7 groups");
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        int start = 8 - tail.length;
        for (int i = 0; i < tail.length; i++) {
            out[2 * (start + i)] = (byte) (tail[i] >> 8);
            out[2 * (start + i) + 1] = (byte) tail[i];
        }
        return out;
    }

    /** 16-bit groups of one side of '::'; the last side may end in a dotted quad (two groups). */
    private static int[] groups(String side, String whole, boolean mayEndInIpv4) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int last = parts.length - 1;
        boolean v4Tail = mayEndInIpv4 && parts[last].indexOf('.') >= 0;
        int[] out = new int[parts.length + (v4Tail ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == last && v4Tail) {
                byte[] v4 = parseIpv4(p, whole);
                out[i] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                out[i + 1] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw invalid(whole, "IPv6 group '" + p + "' is not 1 to 4 hex digits");
            }
            out[i] = Integer.parseInt(p, 16);
        }
        return out;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a valid address: " + why);
    }
}
