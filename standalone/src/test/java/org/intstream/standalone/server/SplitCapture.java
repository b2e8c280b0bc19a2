package org.intstream.standalone.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.intstream.agent.stream.HostAddresses;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.tcp.TcpAnalyzer;
import org.intstream.engine.tcp.TcpFacts;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.type.IpAddress;

/**
 * A real capture held in memory, its addresses shared among hosts (an address belongs to host
 * {@code last byte mod points}), and each frame's observing host per observation point: the source's host at
 * the sender, the destination's at the receiver, the connection's client's or server's host for the connection
 * points (roles as {@code tcp.conn.client} has them; a frame that is not TCP goes by source to the client point
 * and by destination to the server point). Frames without an IP address are host 0's. So each packet is at
 * exactly one host per point, and {@link #host} tells an agent which addresses are its own.
 */
final class SplitCapture {
    /** One frame and the host that observes it at each point. */
    static final class Frame {
        final byte[] data;
        final int wireLen;
        final long ts;
        final int linkType;
        final Packet packet;
        private final int[] owners;

        Frame(byte[] data, int wireLen, long ts, int linkType, Packet packet, int[] owners) {
            this.data = data;
            this.wireLen = wireLen;
            this.ts = ts;
            this.linkType = linkType;
            this.packet = packet;
            this.owners = owners;
        }

        /** The host that observes this frame at the point. */
        int owner(ObservationPoint point) {
            return owners[point.ordinal()];
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
        TcpAnalyzer connections = new TcpAnalyzer();
        TcpFacts facts = new TcpFacts();
        try (TraceReader reader = TraceReaders.open(trace)) {
            RawFrame f = new RawFrame();
            while (reader.next(f)) {
                Packet p = new Packet();
                decoder.decode(f, p);
                int[] owners = new int[ObservationPoint.values().length];
                if (p.has(Packet.IP_SRC) && p.has(Packet.IP_DST)) {
                    int src = hostOf(p.ipVersion == 4 ? IpAddress.v4(p.ip4Src) : IpAddress.v6(p.ip6SrcHi, p.ip6SrcLo));
                    int dst = hostOf(p.ipVersion == 4 ? IpAddress.v4(p.ip4Dst) : IpAddress.v6(p.ip6DstHi, p.ip6DstLo));
                    owners[ObservationPoint.PACKET_AT_SENDER.ordinal()] = src;
                    owners[ObservationPoint.PACKET_AT_RECEIVER.ordinal()] = dst;
                    connections.analyze(p, facts);
                    owners[ObservationPoint.CONNECTION_AT_CLIENT.ordinal()] = facts.hasRoles ? hostOf(facts.client()) : src;
                    owners[ObservationPoint.CONNECTION_AT_SERVER.ordinal()] = facts.hasRoles ? hostOf(facts.server()) : dst;
                }
                frames.add(new Frame(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen), f.wireLen, f.tsMicros,
                        f.linkType, p, owners));
            }
        }
    }

    /** The host an address belongs to. */
    int hostOf(IpAddress a) {
        return Math.floorMod((int) (a.isV4() ? a.v4Bits() & 0xff : a.lo() & 0xff), points);
    }

    /** Host {@code i}'s addresses, as its agent is told them. */
    HostAddresses host(int i) {
        return new HostAddresses() {
            @Override
            public boolean contains(IpAddress address) {
                return hostOf(address) == i;
            }

            @Override
            public boolean observesUnaddressed() {
                return i == 0;
            }
        };
    }

    /** Frames per host at the point. */
    int[] counts(ObservationPoint point) {
        int[] c = new int[points];
        frames.forEach(f -> c[f.owner(point)]++);
        return c;
    }
}
