package org.intstream.engine.record;

import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.tcp.TcpFacts;
import org.intstream.query.expr.FieldCatalog;
import org.intstream.query.type.IpAddress;

/**
 * A decoded packet seen as a {@link Record}: columns are field catalogue slots. Header fields come from
 * the {@link Packet} flyweight, derived TCP fields from the {@link TcpFacts} of the connection analysis.
 */
public final class PacketRecord extends Record {
    private final Packet packet;
    private final TcpFacts facts;
    private final PointTable points;
    /** Counts the packets this record stood for: results kept for one packet know it from the next. */
    private long sequence;

    public PacketRecord(Packet packet, TcpFacts facts, PointTable points) {
        this.packet = packet;
        this.facts = facts;
        this.points = points;
    }

    public Packet packet() {
        return packet;
    }

    public TcpFacts facts() {
        return facts;
    }

    /** The number of the packet the record stands for now; see {@link #nextPacket}. */
    public long sequence() {
        return sequence;
    }

    /** Called by whoever decodes a new packet into the flyweight. */
    public void nextPacket() {
        sequence++;
    }

    @Override
    public long time() {
        return packet.ts;
    }

    @Override
    public boolean has(int column) {
        if (column < FieldCatalog.FLAG_BASE) {
            return packet.has(column);
        }
        if (column < FieldCatalog.TCP_RETRANSMISSION) {
            return packet.has(Packet.TCP_FLAGS);
        }
        switch (column) {
            case FieldCatalog.TCP_RETRANSMISSION:
            case FieldCatalog.TCP_HANDSHAKE:
                return facts.tcp;
            case FieldCatalog.TCP_ACK_RTT:
                return facts.hasAckRtt;
            case FieldCatalog.TCP_RTT:
                return facts.hasKarnRtt;
            default:
                return facts.hasRoles;
        }
    }

    @Override
    public long getLong(int column) {
        Packet p = packet;
        switch (column) {
            case FieldCatalog.TS: return p.ts;
            case FieldCatalog.LEN: return p.len;
            case FieldCatalog.IP_VERSION: return p.ipVersion;
            case FieldCatalog.IP_SRC: return p.ip4Src & 0xFFFFFFFFL;
            case FieldCatalog.IP_DST: return p.ip4Dst & 0xFFFFFFFFL;
            case FieldCatalog.IP_PROTO: return p.ipProto;
            case FieldCatalog.IP_TTL: return p.ipTtl;
            case FieldCatalog.IP_ID: return p.ipId;
            case FieldCatalog.IP_FRAG: return p.ipFrag ? 1 : 0;
            case FieldCatalog.L4_SPORT: return p.sport;
            case FieldCatalog.L4_DPORT: return p.dport;
            case FieldCatalog.TCP_FLAGS: return p.tcpFlags;
            case FieldCatalog.TCP_SEQ: return p.tcpSeq;
            case FieldCatalog.TCP_ACK: return p.tcpAck;
            case FieldCatalog.TCP_WIN: return p.tcpWin;
            case FieldCatalog.PAYLOAD_LEN: return p.payloadLen;
            case FieldCatalog.ICMP_TYPE: return p.icmpType;
            case FieldCatalog.ICMP_CODE: return p.icmpCode;
            case FieldCatalog.VLAN_ID: return p.vlanId;
            case FieldCatalog.POINT: return p.point;
            case FieldCatalog.DIR: return p.dir;
            case FieldCatalog.TCP_RETRANSMISSION: return facts.retransmission ? 1 : 0;
            case FieldCatalog.TCP_ACK_RTT: return facts.ackRttMicros;
            case FieldCatalog.TCP_RTT: return facts.ackRttMicros;
            case FieldCatalog.TCP_HANDSHAKE: return facts.handshake ? 1 : 0;
            case FieldCatalog.TCP_CLIENT: return facts.clientV4 ? facts.clientLo : 0;
            case FieldCatalog.TCP_CLIENT_PORT: return facts.clientPort;
            case FieldCatalog.TCP_SERVER: return facts.serverV4 ? facts.serverLo : 0;
            case FieldCatalog.TCP_SERVER_PORT: return facts.serverPort;
            default:
                if (column >= FieldCatalog.FLAG_BASE && column < FieldCatalog.FLAG_BASE + 8) {
                    return (p.tcpFlags >>> (column - FieldCatalog.FLAG_BASE)) & 1;
                }
                throw new IllegalArgumentException("no long value for column " + column);
        }
    }

    @Override
    public double getDouble(int column) {
        return getLong(column);
    }

    @Override
    public boolean isIpv4(int column) {
        switch (column) {
            case FieldCatalog.IP_SRC:
            case FieldCatalog.IP_DST:
                return packet.ipVersion == 4;
            case FieldCatalog.TCP_CLIENT:
                return facts.clientV4;
            case FieldCatalog.TCP_SERVER:
                return facts.serverV4;
            default:
                return false;
        }
    }

    @Override
    public Object get(int column) {
        if (!has(column)) {
            return null;
        }
        switch (column) {
            case FieldCatalog.IP_SRC:
                return packet.ipVersion == 4 ? IpAddress.v4(packet.ip4Src) : IpAddress.v6(packet.ip6SrcHi, packet.ip6SrcLo);
            case FieldCatalog.IP_DST:
                return packet.ipVersion == 4 ? IpAddress.v4(packet.ip4Dst) : IpAddress.v6(packet.ip6DstHi, packet.ip6DstLo);
            case FieldCatalog.TCP_CLIENT:
                return facts.client();
            case FieldCatalog.TCP_SERVER:
                return facts.server();
            case FieldCatalog.POINT:
                return points.name(packet.point);
            case FieldCatalog.DIR:
                return packet.dir == Packet.DIR_OUT ? "out" : "in";
            case FieldCatalog.IP_FRAG:
            case FieldCatalog.TCP_RETRANSMISSION:
            case FieldCatalog.TCP_HANDSHAKE:
                return getLong(column) != 0;
            default:
                if (column >= FieldCatalog.FLAG_BASE && column < FieldCatalog.FLAG_BASE + 8) {
                    return getLong(column) != 0;
                }
                return getLong(column);
        }
    }
}
