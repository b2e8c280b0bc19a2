package org.intstream.agent.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.intstream.engine.packet.IpAddresses;

/** Literal IPv4 and IPv6 addresses as text, parsed strictly and without any name lookup. */
public final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * The address's bytes (4 or 16).
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static byte[] bytes(String text) {
        if (text.indexOf(':') >= 0) {
            long[] v6 = IpAddresses.parseV6(text);
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (v6[0] >>> (56 - 8 * i));
                b[8 + i] = (byte) (v6[1] >>> (56 - 8 * i));
            }
            return b;
        }
        int v4 = IpAddresses.parseV4(text);
        return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
    }

    /** The address, as {@link #bytes} parses it. */
    public static InetAddress parse(String text) {
        try {
            return InetAddress.getByAddress(bytes(text));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }
}
