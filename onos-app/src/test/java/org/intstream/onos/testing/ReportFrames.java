package org.intstream.onos.testing;

import java.io.ByteArrayOutputStream;

/**
 * Packet-in payloads laid out as intstream.p4's egress builds them (docs/switch.md, "Reports"): an Ethernet
 * header with zero MACs and EtherType 0x88B5, report_t (version, fired, ingress port, timestamp), then the
 * original frame, all truncated to 128 bytes.
 */
public final class ReportFrames {
    private ReportFrames() {
    }

    /** A report of an original frame. */
    public static byte[] report(int fired, int ingressPort, long timestampMicros, byte[] original) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[12]);
        b.write(0x88);
        b.write(0xB5);
        b.write(1);
        b.write(fired);
        b.write(ingressPort >> 8);
        b.write(ingressPort);
        for (int i = 7; i >= 0; i--) {
            b.write((int) (timestampMicros >>> (8 * i)));
        }
        b.write(original, 0, Math.min(original.length, 128 - 26));
        return b.toByteArray();
    }

    /** An Ethernet + IPv4 (no options) + TCP frame with the given 5-tuple and TCP flags, 20 bytes of payload. */
    public static byte[] tcpFrame(int src, int dst, int sport, int dport, int flags) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00});
        int total = 20 + 20 + 20;
        b.writeBytes(new byte[] {0x45, 0, (byte) (total >> 8), (byte) total, 0, 1, 0, 0, 64, 6, 0, 0});
        int32(b, src);
        int32(b, dst);
        b.write(sport >> 8);
        b.write(sport);
        b.write(dport >> 8);
        b.write(dport);
        b.writeBytes(new byte[8]);
        b.write(0x50);
        b.write(flags);
        b.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0});
        b.writeBytes(new byte[20]);
        return b.toByteArray();
    }

    private static void int32(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }
}
