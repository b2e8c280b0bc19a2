package org.intstream.query.type;

/**
 * An IPv4 or IPv6 address as a value. IPv4 addresses order before IPv6 ones; within a family, addresses
 * order numerically. Text forms: dotted quad, and RFC 5952 canonical text for IPv6.
 */
public final class IpAddress implements Comparable<IpAddress> {
    private final int version;
    private final long hi;
    private final long lo;

    private IpAddress(int version, long hi, long lo) {
        this.version = version;
        this.hi = hi;
        this.lo = lo;
    }

    public static IpAddress v4(int address) {
        return new IpAddress(4, 0, address & 0xFFFFFFFFL);
    }

    public static IpAddress v6(long hi, long lo) {
        return new IpAddress(6, hi, lo);
    }

    public int version() {
        return version;
    }

    public boolean isV4() {
        return version == 4;
    }

    /** The IPv4 address as an unsigned 32-bit value in an int. */
    public int v4Bits() {
        if (version != 4) {
            throw new IllegalStateException(this + " is not an IPv4 address");
        }
        return (int) lo;
    }

    public long hi() {
        return hi;
    }

    public long lo() {
        return lo;
    }

    /** Parses a dotted quad or IPv6 text; throws IllegalArgumentException naming the text. */
    public static IpAddress parse(String text) {
        IpAddress a = tryParse(text);
        if (a == null) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        return a;
    }

    /** Parses a dotted quad or IPv6 text, or returns null. */
    public static IpAddress tryParse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            long v = parseV4(text);
            return v < 0 ? null : v4((int) v);
        }
        return parseV6(text);
    }

    /** A dotted quad as an unsigned value, or -1 when malformed. */
    public static long parseV4(String s) {
        long value = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int start = i;
            int octet = 0;
            while (i < n && Character.isDigit(s.charAt(i))) {
                octet = octet * 10 + (s.charAt(i) - '0');
                if (octet > 255 || i - start >= 3) {
                    return -1;
                }
                i++;
            }
            if (i == start) {
                return -1;
            }
            value = (value << 8) | octet;
            parts++;
            if (i < n) {
                if (s.charAt(i) != '.' || parts == 4) {
                    return -1;
                }
                i++;
                if (i == n) {
                    return -1;
                }
            }
        }
        return parts == 4 ? value : -1;
    }

    private static IpAddress parseV6(String s) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (n == 2) {
                return v6(0, 0);
            }
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            while (i < n && s.charAt(i) != ':' && s.charAt(i) != '.') {
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                long v4 = parseV4(s.substring(start));
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            if (i == start || i - start > 4) {
                return null;
            }
            int g = 0;
            for (int k = start; k < i; k++) {
                int d = Character.digit(s.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                g = g * 16 + d;
            }
            groups[count++] = g;
            if (i < n) {
                i++; // ':'
                if (i < n && s.charAt(i) == ':') {
                    if (gap >= 0) {
                        return null;
                    }
                    gap = count;
                    i++;
                } else if (i == n) {
                    return null;
                }
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            int tail = count - gap;
            if (count >= 8) {
                return null;
            }
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        } else {
            if (count != 8) {
                return null;
            }
            System.arraycopy(groups, 0, full, 0, 8);
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | full[k];
            lo = (lo << 16) | full[k + 4];
        }
        return v6(hi, lo);
    }

    public static String formatV4(int address) {
        return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF)
                + "." + (address & 0xFF);
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (of two or more) of zero groups as "::". */
    public static String formatV6(long hi, long lo) {
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) ((hi >>> (48 - 16 * k)) & 0xFFFF);
            g[k + 4] = (int) ((lo >>> (48 - 16 * k)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int k = 0; k < 8; ) {
            if (g[k] == 0) {
                int start = k;
                while (k < 8 && g[k] == 0) {
                    k++;
                }
                if (k - start > bestLen && k - start >= 2) {
                    bestStart = start;
                    bestLen = k - start;
                }
            } else {
                k++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        return sb.toString();
    }

    @Override
    public int compareTo(IpAddress o) {
        if (version != o.version) {
            return Integer.compare(version, o.version);
        }
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IpAddress)) {
            return false;
        }
        IpAddress a = (IpAddress) o;
        return version == a.version && hi == a.hi && lo == a.lo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hi * 31 + lo) * 31 + version;
    }

    @Override
    public String toString() {
        return version == 4 ? formatV4((int) lo) : formatV6(hi, lo);
    }
}
