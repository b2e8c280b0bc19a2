package org.intstream.engine.source;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes pcapng files block by block, in either byte order, for reader tests. */
final class PcapngBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    PcapngBuilder(ByteOrder order) {
        section(order);
    }

    /** Starts a (new) section in {@code order}. */
    PcapngBuilder section(ByteOrder order) {
        this.order = order;
        ByteBuffer body = buffer(16);
        body.putInt(PcapngReader.BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        return block(PcapngReader.SECTION_HEADER, body.array());
    }

    /** An interface; {@code tsresol} and {@code tsoffset} are written as options when not null. */
    PcapngBuilder iface(int linkType, int snapLen, Integer tsresol, Long tsoffsetSeconds) {
        ByteBuffer body = buffer(64);
        body.putShort((short) linkType).putShort((short) 0).putInt(snapLen);
        if (tsresol != null) {
            body.putShort((short) 9).putShort((short) 1).put(tsresol.byteValue()).put(new byte[3]);
        }
        if (tsoffsetSeconds != null) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsoffsetSeconds);
        }
        body.putShort((short) 0).putShort((short) 0);
        return block(PcapngReader.INTERFACE_DESCRIPTION, used(body));
    }

    PcapngBuilder epb(int interfaceId, long timestamp, byte[] data, int wireLen) {
        return epb(interfaceId, timestamp, data, data.length, wireLen, null);
    }

    /** An enhanced packet block claiming {@code captured} bytes, with an {@code epb_flags} option if given. */
    PcapngBuilder epb(int interfaceId, long timestamp, byte[] data, int captured, int wireLen, Integer flags) {
        ByteBuffer body = buffer(20 + padded(data.length) + 16);
        body.putInt(interfaceId).putInt((int) (timestamp >>> 32)).putInt((int) timestamp);
        body.putInt(captured).putInt(wireLen).put(data).put(new byte[padded(data.length) - data.length]);
        if (flags != null) {
            body.putShort((short) 2).putShort((short) 4).putInt(flags).putInt(0);
        }
        return block(PcapngReader.ENHANCED_PACKET, used(body));
    }

    PcapngBuilder spb(byte[] data, int wireLen) {
        ByteBuffer body = buffer(4 + padded(data.length));
        body.putInt(wireLen).put(data);
        return block(PcapngReader.SIMPLE_PACKET, body.array());
    }

    PcapngBuilder obsoletePacket(int interfaceId, long timestamp, byte[] data, int wireLen) {
        ByteBuffer body = buffer(20 + padded(data.length));
        body.putShort((short) interfaceId).putShort((short) 0).putInt((int) (timestamp >>> 32)).putInt((int) timestamp);
        body.putInt(data.length).putInt(wireLen).put(data);
        return block(PcapngReader.OBSOLETE_PACKET, body.array());
    }

    /** Any block: the body is padded to 4 bytes and framed by the total length at both ends. */
    PcapngBuilder block(int type, byte[] body) {
        int total = 12 + padded(body.length);
        ByteBuffer block = buffer(total);
        block.putInt(type).putInt(total).put(body).position(total - 4);
        block.putInt(total);
        out.writeBytes(block.array());
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    private static byte[] used(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    static int padded(int length) {
        return (length + 3) & ~3;
    }
}
