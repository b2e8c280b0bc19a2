package org.intstream.softswitch;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Builds test frames field by field, big-endian, as on the wire. */
public final class Frames {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Frames frame() {
        return new Frames();
    }

    public Frames bytes(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    public Frames hex(String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        out.write(b, 0, b.length);
        return this;
    }

    public Frames ethernet(long dst, long src, int type) {
        return bytes(dst, 6).bytes(src, 6).bytes(type, 2);
    }

    /** An IPv4 header without options; the checksum is left as given. */
    public Frames ipv4(int totalLen, int id, int ttl, int protocol, long src, long dst, int checksum) {
        return bytes(0x45, 1).bytes(0, 1).bytes(totalLen, 2).bytes(id, 2).bytes(0, 2).bytes(ttl, 1)
                .bytes(protocol, 1).bytes(checksum, 2).bytes(src, 4).bytes(dst, 4);
    }

    public Frames tcp(int sport, int dport) {
        return bytes(sport, 2).bytes(dport, 2).bytes(1, 4).bytes(0, 4).bytes(0x50, 1).bytes(0x02, 1)
                .bytes(1024, 2).bytes(0, 2).bytes(0, 2);
    }

    public Frames udp(int sport, int dport, int len) {
        return bytes(sport, 2).bytes(dport, 2).bytes(len, 2).bytes(0, 2);
    }

    public byte[] build() {
        return out.toByteArray();
    }

    public static String hexOf(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
