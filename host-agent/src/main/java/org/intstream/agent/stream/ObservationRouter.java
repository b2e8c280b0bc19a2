package org.intstream.agent.stream;

import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.tcp.TcpAnalyzer;
import org.intstream.engine.tcp.TcpFacts;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.type.IpAddress;

/**
 * Decides which of an agent's observation points a frame belongs to, so each packet is counted at exactly one
 * host per point network-wide (DESIGN.md, "Placement"): {@link ObservationPoint#PACKET_AT_SENDER} takes the
 * host's outgoing packets, {@link ObservationPoint#PACKET_AT_RECEIVER} its incoming ones, and the connection
 * points both directions of the TCP connections whose client (resp. server) is this host; a packet that is
 * not TCP goes to the client point when outgoing and to the server point when incoming.
 *
 * <p>Outgoing or incoming is the frame's capture direction when it has one (a live capture), otherwise
 * whether its source (resp. destination) is one of the {@link HostAddresses}. Connection roles come from a
 * {@link TcpAnalyzer}, the same rule the engine's {@code tcp.conn.client} uses (the SYN's sender is the
 * client; without a handshake, the side on the higher port). Not thread-safe.
 */
final class ObservationRouter {
    private final HostAddresses host;
    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();
    private final TcpAnalyzer connections = new TcpAnalyzer();
    private final TcpFacts facts = new TcpFacts();

    ObservationRouter(HostAddresses host) {
        this.host = host;
    }

    /** The bit of a point in {@link #route}'s answer. */
    static int bit(ObservationPoint point) {
        return 1 << point.ordinal();
    }

    /**
     * The points that observe the frame, as a set of {@link #bit}s.
     *
     * @param connectionPoints whether a connection point runs (only then are connections followed)
     */
    int route(RawFrame frame, boolean connectionPoints) {
        decoder.decode(frame, packet);
        boolean addressed = packet.has(Packet.IP_SRC) && packet.has(Packet.IP_DST);
        boolean out;
        boolean in;
        if (frame.dir == Packet.DIR_OUT || frame.dir == Packet.DIR_IN) {
            out = frame.dir == Packet.DIR_OUT;
            in = !out;
        } else if (addressed) {
            out = host.contains(source());
            in = host.contains(destination());
        } else {
            out = host.observesUnaddressed();
            in = out;
        }
        int points = (out ? bit(ObservationPoint.PACKET_AT_SENDER) : 0)
                | (in ? bit(ObservationPoint.PACKET_AT_RECEIVER) : 0);
        if (connectionPoints) {
            boolean atClient = out;
            boolean atServer = in;
            if (addressed) {
                connections.analyze(packet, facts);
                if (facts.hasRoles) {
                    boolean fromClient = facts.client().equals(source());
                    atClient = fromClient ? out : in;
                    atServer = fromClient ? in : out;
                }
            }
            points |= (atClient ? bit(ObservationPoint.CONNECTION_AT_CLIENT) : 0)
                    | (atServer ? bit(ObservationPoint.CONNECTION_AT_SERVER) : 0);
        }
        return points;
    }

    private IpAddress source() {
        return packet.ipVersion == 4 ? IpAddress.v4(packet.ip4Src) : IpAddress.v6(packet.ip6SrcHi, packet.ip6SrcLo);
    }

    private IpAddress destination() {
        return packet.ipVersion == 4 ? IpAddress.v4(packet.ip4Dst) : IpAddress.v6(packet.ip6DstHi, packet.ip6DstLo);
    }
}
