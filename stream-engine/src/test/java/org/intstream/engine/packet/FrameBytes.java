package org.intstream.engine.packet;

import java.nio.ByteBuffer;

import org.intstream.engine.source.RawFrame;

/** Builds packet bytes header by header (network byte order) for decoder tests. */
final class FrameBytes {
    private final ByteBuffer buffer = ByteBuffer.allocate(4096);

    static FrameBytes create() {
        return new FrameBytes();
    }

    FrameBytes ethernet(int etherType) {
        buffer.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        buffer.putShort((short) etherType);
        return this;
    }

    FrameBytes tag(int tpid, int vlanId) {
        // Written where the EtherType was: the tag's TPID replaces it, the real type follows the tag.
        int typeAt = buffer.position() - 2;
        int type = buffer.getShort(typeAt) & 0xFFFF;
        buffer.putShort(typeAt, (short) tpid);
        buffer.putShort((short) (0x2000 | vlanId)).putShort((short) type);
        return this;
    }

    FrameBytes sll(int packetType, int protocol) {
        buffer.putShort((short) packetType).putShort((short) 1).putShort((short) 6);
        buffer.put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0});
        buffer.putShort((short) protocol);
        return this;
    }

    FrameBytes sll2(int packetType, int protocol) {
        buffer.putShort((short) protocol).putShort((short) 0).putInt(3).putShort((short) 1);
        buffer.put((byte) packetType).put((byte) 6).put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0});
        return this;
    }

    FrameBytes bytes(int... values) {
        for (int v : values) {
            buffer.put((byte) v);
        }
        return this;
    }

    /** IPv4 header of {@code optionWords} extra words; total length covers header plus {@code l4Length}. */
    FrameBytes ipv4(int proto, int l4Length, int optionWords, int flagsAndOffset) {
        int headerLength = 20 + 4 * optionWords;
        buffer.put((byte) (0x40 | (headerLength / 4))).put((byte) 0).putShort((short) (headerLength + l4Length));
        buffer.putShort((short) 0x1234).putShort((short) flagsAndOffset).put((byte) 63).put((byte) proto);
        buffer.putShort((short) 0).putInt(0x0A000001).putInt(0xC0A80102);
        for (int i = 0; i < optionWords; i++) {
            buffer.putInt(0x01010101); // NOP options
        }
        return this;
    }

    FrameBytes ipv6(int next, int payloadLength) {
        buffer.putInt(0x60000000).putShort((short) payloadLength).put((byte) next).put((byte) 17);
        buffer.putLong(0x20010db800000000L).putLong(1L);
        buffer.putLong(0xfe80000000000000L).putLong(0x0200000000000002L);
        return this;
    }

    /** An IPv6 extension header in 8-byte units (hop-by-hop, routing, destination options). */
    FrameBytes ipv6Extension(int next, int units) {
        buffer.put((byte) next).put((byte) (units - 1)).put(new byte[units * 8 - 2]);
        return this;
    }

    FrameBytes ipv6Auth(int next, int words) {
        buffer.put((byte) next).put((byte) (words - 2)).put(new byte[words * 4 - 2]);
        return this;
    }

    FrameBytes ipv6Fragment(int next, int offsetUnits, boolean more, int id) {
        buffer.put((byte) next).put((byte) 0).putShort((short) ((offsetUnits << 3) | (more ? 1 : 0))).putInt(id);
        return this;
    }

    FrameBytes tcp(int sport, int dport, int flags, int dataOffsetWords) {
        buffer.putShort((short) sport).putShort((short) dport).putInt(0xF0000001).putInt(0x80000002);
        buffer.put((byte) (dataOffsetWords << 4)).put((byte) flags).putShort((short) 29200);
        buffer.putShort((short) 0).putShort((short) 0);
        for (int i = 5; i < dataOffsetWords; i++) {
            buffer.putInt(0x01010101);
        }
        return this;
    }

    FrameBytes udp(int sport, int dport, int length) {
        buffer.putShort((short) sport).putShort((short) dport).putShort((short) length).putShort((short) 0);
        return this;
    }

    FrameBytes icmp(int type, int code) {
        buffer.put((byte) type).put((byte) code).putShort((short) 0).putInt(0x00010002);
        return this;
    }

    FrameBytes zeros(int count) {
        buffer.put(new byte[count]);
        return this;
    }

    int length() {
        return buffer.position();
    }

    RawFrame frame(int linkType) {
        return frame(linkType, length());
    }

    /** The frame cut to {@code capLen} captured bytes; the wire length stays the full length. */
    RawFrame frame(int linkType, int capLen) {
        RawFrame frame = new RawFrame();
        byte[] data = new byte[length() + 5];
        System.arraycopy(buffer.array(), 0, data, 5, length());
        frame.data = data;
        frame.offset = 5;
        frame.capLen = capLen;
        frame.wireLen = length();
        frame.linkType = linkType;
        frame.tsMicros = 1_700_000_000_000_001L;
        frame.point = 3;
        return frame;
    }
}
