package org.intstream.engine.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.intstream.engine.packet.Packet;
import org.junit.jupiter.api.Test;

/** How the connection table stays bounded: idle connections expire, live ones survive sweeps, the cap evicts. */
class TcpAnalyzerStateTest {
    private static final long SECOND = 1_000_000L;

    private static Packet segment(long ts, int client, int sport, int flags, long seq, int payload) {
        Packet p = new Packet();
        p.reset();
        p.ts = ts;
        p.ipVersion = 4;
        p.ip4Src = client;
        p.ip4Dst = 0x0A000001;
        p.ipProto = 6;
        p.sport = sport;
        p.dport = 80;
        p.tcpFlags = flags;
        p.tcpSeq = seq;
        p.tcpAck = 1;
        p.tcpWin = 1000;
        p.payloadLen = payload;
        for (int f : new int[] {Packet.IP_VERSION, Packet.IP_SRC, Packet.IP_DST, Packet.IP_PROTO, Packet.L4_SPORT,
            Packet.L4_DPORT, Packet.TCP_FLAGS, Packet.TCP_SEQ, Packet.TCP_ACK, Packet.TCP_WIN, Packet.PAYLOAD_LEN}) {
            p.set(f);
        }
        return p;
    }

    @Test
    void idleConnectionsExpireWhileLiveOnesKeepTheirState() {
        TcpAnalyzer a = new TcpAnalyzer();
        TcpFacts facts = new TcpFacts();
        // Connection A talks every 10 s for 20 minutes; connection B says one thing at the start.
        a.analyze(segment(0, 0x0A000002, 1111, Packet.ACK | Packet.PSH, 100, 10), facts);
        a.analyze(segment(0, 0x0A000003, 2222, Packet.ACK | Packet.PSH, 500, 10), facts);
        long seq = 110;
        for (long t = 10 * SECOND; t <= 1200 * SECOND; t += 10 * SECOND) {
            a.analyze(segment(t, 0x0A000002, 1111, Packet.ACK | Packet.PSH, seq, 10), facts);
            assertThat(facts.retransmission).as("new data at %d s", t / SECOND).isFalse();
            seq += 10;
        }
        assertThat(a.trackedConnections()).as("B expired, A survived every sweep").isEqualTo(1);
        // A's sequence state came through the sweeps: resending old data is a retransmission.
        a.analyze(segment(1205 * SECOND, 0x0A000002, 1111, Packet.ACK | Packet.PSH, seq - 10, 10), facts);
        assertThat(facts.retransmission).isTrue();
    }

    @Test
    void theCapEvictsTheConnectionQueuedLongestAgo() {
        TcpAnalyzer a = new TcpAnalyzer(2);
        TcpFacts facts = new TcpFacts();
        a.analyze(segment(1, 0x0A000002, 1, Packet.ACK, 100, 10), facts);
        a.analyze(segment(2, 0x0A000003, 2, Packet.ACK, 100, 10), facts);
        a.analyze(segment(3, 0x0A000004, 3, Packet.ACK, 100, 10), facts);
        assertThat(a.trackedConnections()).isEqualTo(2);
        assertThat(a.evictedConnections()).isEqualTo(1);
        // The first connection was evicted: its old data is new to the table, not a retransmission.
        a.analyze(segment(4, 0x0A000002, 1, Packet.ACK, 100, 10), facts);
        assertThat(facts.retransmission).isFalse();
        // The third is still known.
        a.analyze(segment(5, 0x0A000004, 3, Packet.ACK, 100, 10), facts);
        assertThat(facts.retransmission).isTrue();
    }
}
