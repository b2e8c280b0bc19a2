package org.intstream.engine.source;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes classic pcap files byte by byte, including impossible records, for reader tests. */
final class PcapBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;

    PcapBuilder(ByteOrder order, boolean nanos, long snapLen, int linkType) {
        this.order = order;
        ByteBuffer header = ByteBuffer.allocate(24).order(order);
        header.putInt(nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS);
        header.putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
        header.putInt((int) snapLen).putInt(linkType);
        out.writeBytes(header.array());
    }

    static PcapBuilder ethernet() {
        return new PcapBuilder(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
    }

    PcapBuilder record(long seconds, long fraction, byte[] data, int wireLen) {
        return record(seconds, fraction, data.length, wireLen, data);
    }

    /** A record whose header says {@code included} bytes, followed by {@code data} whatever its length. */
    PcapBuilder record(long seconds, long fraction, int included, int wireLen, byte[] data) {
        ByteBuffer header = ByteBuffer.allocate(16).order(order);
        header.putInt((int) seconds).putInt((int) fraction).putInt(included).putInt(wireLen);
        out.writeBytes(header.array());
        out.writeBytes(data);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] payload(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed + i);
        }
        return data;
    }
}
