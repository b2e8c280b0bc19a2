package org.intstream.standalone.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;

/**
 * A real capture held in memory and split among observation points by the packet's source address (its last
 * byte modulo the number of points; frames without an IP source go to point 0), so each packet is at exactly
 * one point, as PACKET_AT_SENDER wants.
 */
final class SplitCapture {
    /** One frame and the point that observes it. */
    static final class Frame {
        final byte[] data;
        final int wireLen;
        final long ts;
        final int linkType;
        final int owner;
        final Packet packet;

        Frame(byte[] data, int wireLen, long ts, int linkType, int owner, Packet packet) {
            this.data = data;
            this.wireLen = wireLen;
            this.ts = ts;
            this.linkType = linkType;
            this.owner = owner;
            this.packet = packet;
        }

        RawFrame raw() {
            RawFrame f = new RawFrame();
            f.data = data;
            f.offset = 0;
            f.capLen = data.length;
            f.wireLen = wireLen;
            f.tsMicros = ts;
            f.linkType = linkType;
            return f;
        }
    }

    final List<Frame> frames = new ArrayList<>();
    final int points;

    SplitCapture(Path trace, int points) throws IOException {
        this.points = points;
        PacketDecoder decoder = new PacketDecoder();
        try (TraceReader reader = TraceReaders.open(trace)) {
            RawFrame f = new RawFrame();
            while (reader.next(f)) {
                Packet p = new Packet();
                decoder.decode(f, p);
                int owner = 0;
                if (p.has(Packet.IP_SRC)) {
                    owner = Math.floorMod(p.ipVersion == 4 ? p.ip4Src & 0xff : (int) (p.ip6SrcLo & 0xff), points);
                }
                frames.add(new Frame(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen), f.wireLen, f.tsMicros,
                        f.linkType, owner, p));
            }
        }
    }

    /** Frames per point. */
    int[] counts() {
        int[] c = new int[points];
        frames.forEach(f -> c[f.owner]++);
        return c;
    }
}
