package org.intstream.agent.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.source.RawFrame;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;

class ObservationRouterTest {
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int SENDER = ObservationRouter.bit(ObservationPoint.PACKET_AT_SENDER);
    private static final int RECEIVER = ObservationRouter.bit(ObservationPoint.PACKET_AT_RECEIVER);
    private static final int CLIENT = ObservationRouter.bit(ObservationPoint.CONNECTION_AT_CLIENT);
    private static final int SERVER = ObservationRouter.bit(ObservationPoint.CONNECTION_AT_SERVER);

    private final ObservationRouter host = new ObservationRouter(HostAddresses.of(List.of(IpAddress.parse("10.0.0.1"))));

    /** An Ethernet/IPv4/TCP segment with the given flags; dir -1 (a replay) unless set. */
    private static RawFrame tcp(String src, int sport, String dst, int dport, int flags) {
        ByteBuffer b = ByteBuffer.allocate(54);
        b.put(new byte[12]).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0)
                .putInt(IpAddress.parse(src).v4Bits()).putInt(IpAddress.parse(dst).v4Bits());
        b.putShort((short) sport).putShort((short) dport).putInt(1).putInt(0).put((byte) 0x50).put((byte) flags)
                .putShort((short) 1024).putShort((short) 0).putShort((short) 0);
        RawFrame f = new RawFrame();
        f.data = b.array();
        f.capLen = 54;
        f.wireLen = 60;
        f.tsMicros = 1_000_000;
        f.linkType = 1;
        return f;
    }

    @Test
    void packetsFromTheHostAreAtTheSenderAndPacketsToItAtTheReceiver() {
        assertThat(host.route(tcp("10.0.0.1", 40000, "10.0.0.9", 80, SYN), false)).isEqualTo(SENDER);
        assertThat(host.route(tcp("10.0.0.9", 40000, "10.0.0.1", 80, SYN), false)).isEqualTo(RECEIVER);
        assertThat(host.route(tcp("10.0.0.8", 40000, "10.0.0.9", 80, SYN), false)).as("neither end is this host")
                .isZero();
    }

    @Test
    void aCapturesDirectionDecidesWithoutAddresses() {
        RawFrame out = tcp("10.0.0.8", 40000, "10.0.0.9", 80, SYN);
        out.dir = Packet.DIR_OUT;
        RawFrame in = tcp("10.0.0.8", 40000, "10.0.0.9", 80, SYN);
        in.dir = Packet.DIR_IN;
        assertThat(host.route(out, false)).isEqualTo(SENDER);
        assertThat(host.route(in, false)).isEqualTo(RECEIVER);
    }

    @Test
    void bothDirectionsOfAConnectionGoToItsClientsAndItsServersPoint() {
        // This host opens a connection: the SYN out and the SYN-ACK in are both at the client point.
        assertThat(host.route(tcp("10.0.0.1", 40000, "10.0.0.9", 80, SYN), true)).isEqualTo(SENDER | CLIENT);
        assertThat(host.route(tcp("10.0.0.9", 80, "10.0.0.1", 40000, SYN | ACK), true)).isEqualTo(RECEIVER | CLIENT);
        // Another host connects to this one: both directions at the server point.
        assertThat(host.route(tcp("10.0.0.9", 50000, "10.0.0.1", 22, SYN), true)).isEqualTo(RECEIVER | SERVER);
        assertThat(host.route(tcp("10.0.0.1", 22, "10.0.0.9", 50000, SYN | ACK), true)).isEqualTo(SENDER | SERVER);
        // Mid-connection with no handshake seen: the higher port is the client's, as in tcp.conn.client.
        assertThat(host.route(tcp("10.0.0.1", 443, "10.0.0.9", 61000, ACK), true)).isEqualTo(SENDER | SERVER);
    }

    @Test
    void everyAddressTakesTheReplayAsBothSentAndReceived() {
        ObservationRouter every = new ObservationRouter(HostAddresses.EVERY);
        assertThat(every.route(tcp("10.0.0.8", 40000, "10.0.0.9", 80, SYN), false)).isEqualTo(SENDER | RECEIVER);
    }
}
