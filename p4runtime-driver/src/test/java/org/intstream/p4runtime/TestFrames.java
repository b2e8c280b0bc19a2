package org.intstream.p4runtime;

import java.nio.ByteBuffer;

/** Small, well-formed frames for packet-out tests. */
final class TestFrames {

    /** driver_test.p4's packet_out header (9-bit port + 7-bit pad) is counted in ingress too. */
    static final int PACKET_OUT_HEADER_BYTES = 2;

    private TestFrames() {
    }

    /** Ethernet + IPv4 (10.0.0.1 to 10.0.0.2, TTL 64) + UDP with a one-byte payload {@code tag}. */
    static byte[] udp(int tag) {
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + 1);
        b.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 29).putShort((short) tag).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        b.putShort((short) 1234).putShort((short) 5678).putShort((short) 9).putShort((short) 0).put((byte) tag);
        return b.array();
    }
}
