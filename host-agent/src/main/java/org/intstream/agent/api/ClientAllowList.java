package org.intstream.agent.api;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The addresses allowed to talk to the agent, as a list of prefixes such as {@code 10.0.0.0/24},
 * {@code 127.0.0.1} (a single host) or {@code fd00::/8}. Literal addresses only: no name is ever looked
 * up. An IPv4-mapped IPv6 peer ({@code ::ffff:10.0.0.1}) is matched as the IPv4 address it carries.
 */
public final class ClientAllowList implements Predicate<InetAddress> {
    /** Only the host itself. */
    public static final ClientAllowList LOOPBACK = parse("127.0.0.0/8,::1");

    private final List<byte[]> networks;
    private final int[] prefixes;
    private final String text;

    private ClientAllowList(List<byte[]> networks, int[] prefixes, String text) {
        this.networks = networks;
        this.prefixes = prefixes;
        this.text = text;
    }

    /**
     * Parses a comma-separated list of prefixes.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or prefix
     */
    public static ClientAllowList parse(String list) {
        List<byte[]> networks = new ArrayList<>();
        List<Integer> prefixes = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("allow-list '" + list + "' has an empty entry");
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] bytes = literal(address, entry);
            int bits = bytes.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String length = entry.substring(slash + 1);
                if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                    throw new IllegalArgumentException("allow-list entry '" + entry + "': prefix length must be 0 to "
                            + bits);
                }
                prefix = Integer.parseInt(length);
            }
            networks.add(bytes);
            prefixes.add(prefix);
        }
        return new ClientAllowList(networks, prefixes.stream().mapToInt(Integer::intValue).toArray(), list.strip());
    }

    private static byte[] literal(String address, String entry) {
        try {
            return IpLiteral.bytes(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allow-list entry '" + entry + "' is not an address or prefix: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean test(InetAddress peer) {
        byte[] address = unmapped(peer.getAddress());
        for (int i = 0; i < networks.size(); i++) {
            if (matches(networks.get(i), prefixes[i], address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] network, int prefix, byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (network[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (network[whole] & mask) == (address[whole] & mask);
    }

    private static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }

    @Override
    public String toString() {
        return text;
    }
}
