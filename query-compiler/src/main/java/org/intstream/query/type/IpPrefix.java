package org.intstream.query.type;

/** An address prefix such as {@code 10.0.0.0/8} or {@code fd00::/8}. */
public final class IpPrefix {
    private final IpAddress network;
    private final int length;

    private IpPrefix(IpAddress network, int length) {
        this.network = network;
        this.length = length;
    }

    /** The prefix of {@code address} with {@code length} bits; host bits are cleared. */
    public static IpPrefix of(IpAddress address, int length) {
        int max = address.isV4() ? 32 : 128;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + max);
        }
        return new IpPrefix(mask(address, length), length);
    }

    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a prefix (expected address/length): '" + text + "'");
        }
        IpAddress a = IpAddress.tryParse(text.substring(0, slash));
        if (a == null) {
            throw new IllegalArgumentException("not a prefix (bad address): '" + text + "'");
        }
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix (bad length): '" + text + "'");
        }
        return of(a, len);
    }

    /** Clears all but the first {@code bits} bits of the address. */
    public static IpAddress mask(IpAddress a, int bits) {
        if (a.isV4()) {
            int m = bits <= 0 ? 0 : bits >= 32 ? -1 : -1 << (32 - bits);
            return IpAddress.v4(a.v4Bits() & m);
        }
        long hiMask = bits <= 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
        long loMask = bits <= 64 ? 0 : bits >= 128 ? -1L : -1L << (128 - bits);
        return IpAddress.v6(a.hi() & hiMask, a.lo() & loMask);
    }

    public boolean contains(IpAddress a) {
        return a.version() == network.version() && mask(a, length).equals(network);
    }

    /** For IPv4 prefixes: whether the unsigned 32-bit address lies inside. */
    public boolean containsV4(int address) {
        if (!network.isV4()) {
            return false;
        }
        int m = length == 0 ? 0 : -1 << (32 - length);
        return (address & m) == network.v4Bits();
    }

    public IpAddress network() {
        return network;
    }

    public int length() {
        return length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix && ((IpPrefix) o).network.equals(network) && ((IpPrefix) o).length == length;
    }

    @Override
    public int hashCode() {
        return network.hashCode() * 131 + length;
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
