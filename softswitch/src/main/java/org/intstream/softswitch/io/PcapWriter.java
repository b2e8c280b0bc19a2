package org.intstream.softswitch.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes Ethernet frames to a classic pcap file (microsecond timestamps, little-endian). */
public final class PcapWriter implements AutoCloseable {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int SNAPLEN = 262_144;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);

    public PcapWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        ByteBuffer global = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        global.putInt(MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
        out.write(global.array());
    }

    public void write(long tsMicros, byte[] frame) throws IOException {
        header.clear();
        header.putInt((int) Math.floorDiv(tsMicros, 1_000_000L)).putInt((int) Math.floorMod(tsMicros, 1_000_000L))
                .putInt(frame.length).putInt(frame.length);
        out.write(header.array());
        out.write(frame);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
