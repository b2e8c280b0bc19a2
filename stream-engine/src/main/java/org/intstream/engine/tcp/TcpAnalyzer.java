package org.intstream.engine.tcp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import org.intstream.engine.packet.Packet;

/**
 * Follows TCP connections across the whole stream (not per window) and derives, for every TCP segment, what
 * Wireshark's TCP analysis reports: whether it retransmits sequence space already sent
 * ({@code tcp.analysis.retransmission}, including fast and spurious retransmissions, excluding keep-alives
 * and out-of-order segments), the RTT an ACK measures ({@code tcp.analysis.ack_rtt}: from the data segment
 * whose end it acknowledges exactly; {@code tcp.rtt} the same by Karn's rule, i.e. not from a segment that was
 * retransmitted), whether it is the ACK that completes a three-way handshake, and the connection's client and
 * server.
 *
 * <p>Connections idle for {@link #IDLE_TIMEOUT_MICROS} are forgotten, and at most {@code maxConnections}
 * are tracked (the longest idle goes first), so state stays bounded.
 */
public final class TcpAnalyzer {
    /** Connections with no packet for this long are dropped. */
    public static final long IDLE_TIMEOUT_MICROS = 300_000_000L;
    /** Out-of-order threshold before the handshake's RTT is known (Wireshark's 3 ms). */
    static final long DEFAULT_OOO_THRESHOLD_MICROS = 3_000;
    /** A retransmission within this time of the second duplicate ACK is a fast retransmission. */
    static final long FAST_RETRANSMISSION_WINDOW_MICROS = 20_000;

    /**
     * In the order connections were queued (created, or re-queued by a sweep). Access order would relink an
     * entry on every packet, touching its neighbours' memory too; instead a sweep re-queues the live
     * connections it finds at the head, so each is moved at most once per idle timeout.
     */
    private final LinkedHashMap<ConnectionKey, Connection> connections = new LinkedHashMap<>(1 << 14);
    private final ConnectionKey probe = new ConnectionKey();
    private final int maxConnections;
    private long lastSweep;
    private long evicted;

    public TcpAnalyzer(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public TcpAnalyzer() {
        this(1_000_000);
    }

    public int trackedConnections() {
        return connections.size();
    }

    /** Connections dropped to keep the table within its bound (not counting idle ones). */
    public long evictedConnections() {
        return evicted;
    }

    /** Analyses one packet; fills {@code facts} (cleared for anything but a TCP segment with ports). */
    public void analyze(Packet p, TcpFacts facts) {
        facts.clear();
        if (p.ipProto != 6 || !p.has(Packet.TCP_FLAGS) || !p.has(Packet.L4_SPORT) || !p.has(Packet.IP_SRC)) {
            return;
        }
        facts.tcp = true;
        sweep(p.ts);
        probe.set(p);
        Connection c = connections.get(probe);
        int flags = p.tcpFlags;
        boolean syn = (flags & Packet.SYN) != 0;
        boolean ack = (flags & Packet.ACK) != 0;
        if (c != null && syn && !ack && c.closedOrReset() && c.synSeq != p.tcpSeq) {
            connections.remove(probe);
            c = null; // a new connection reusing the 4-tuple
        }
        if (c == null) {
            if (connections.size() >= maxConnections) {
                evictOldest();
            }
            c = new Connection();
            c.set(p);
            c.queuedAt = p.ts;
            connections.put(c, c);
        }
        c.lastSeen = p.ts;
        boolean fromA = c.isSideA(p);
        Flow fwd = fromA ? c.a : c.b;
        Flow rev = fromA ? c.b : c.a;

        roles(c, p, fromA, syn, ack, facts);
        handshake(c, p, fromA, syn, ack, facts);
        sequence(c, fwd, rev, p, facts);
        acknowledgement(fwd, rev, p, ack, facts);
        if ((flags & Packet.FIN) != 0) {
            fwd.finSeen = true;
        }
        if ((flags & Packet.RST) != 0) {
            c.reset = true;
        }
    }

    private void roles(Connection c, Packet p, boolean fromA, boolean syn, boolean ack, TcpFacts facts) {
        if (syn && !ack) {
            c.clientIsA = fromA;
            c.rolesFromSyn = true;
        } else if (syn && !c.rolesFromSyn) {
            c.clientIsA = !fromA;
            c.rolesFromSyn = true;
        } else if (c.clientIsA == null) {
            // no handshake seen: the side on the lower port is taken as the server
            int mine = p.sport;
            int theirs = p.dport;
            boolean senderIsServer = mine < theirs;
            c.clientIsA = senderIsServer != fromA;
        }
        facts.hasRoles = true;
        boolean v4 = p.ipVersion == 4;
        facts.clientV4 = v4;
        facts.serverV4 = v4;
        if (c.clientIsA) {
            facts.clientHi = c.aHi();
            facts.clientLo = c.aLo();
            facts.clientPort = c.aPort();
            facts.serverHi = c.bHi();
            facts.serverLo = c.bLo();
            facts.serverPort = c.bPort();
        } else {
            facts.clientHi = c.bHi();
            facts.clientLo = c.bLo();
            facts.clientPort = c.bPort();
            facts.serverHi = c.aHi();
            facts.serverLo = c.aLo();
            facts.serverPort = c.aPort();
        }
    }

    private static void handshake(Connection c, Packet p, boolean fromA, boolean syn, boolean ack, TcpFacts facts) {
        boolean fromClient = c.clientIsA != null && c.clientIsA == fromA;
        if (syn && !ack && fromClient) {
            c.synSeq = p.tcpSeq;
            c.synTime = p.ts;
            c.synAckSeen = false;
            c.handshakeDone = false;
        } else if (syn && ack && !fromClient && c.synSeq >= 0 && p.tcpAck == ((c.synSeq + 1) & 0xFFFFFFFFL)) {
            c.serverIsn = p.tcpSeq;
            c.synAckSeen = true;
        } else if (!syn && ack && fromClient && c.synAckSeen && !c.handshakeDone
                && p.tcpAck == ((c.serverIsn + 1) & 0xFFFFFFFFL)) {
            c.handshakeDone = true;
            facts.handshake = true;
            c.initialRtt = p.ts - c.synTime;
        }
    }

    /** Wireshark's classification of a segment that does not advance the sequence space. */
    private static void sequence(Connection c, Flow fwd, Flow rev, Packet p, TcpFacts facts) {
        int flags = p.tcpFlags;
        boolean synOrFin = (flags & (Packet.SYN | Packet.FIN)) != 0;
        long seq = p.tcpSeq;
        long seglen = p.has(Packet.PAYLOAD_LEN) ? p.payloadLen : 0;
        if (seglen == 0 && !synOrFin) {
            return;
        }
        boolean keepAlive = false;
        if (fwd.nextSeq >= 0 && lt(seq, fwd.nextSeq)) {
            if (seglen <= 1 && !synOrFin && (flags & Packet.RST) == 0 && seq == ((fwd.nextSeq - 1) & 0xFFFFFFFFL)) {
                keepAlive = true;
            } else if (rev.lastAck >= 0 && le(add(seq, seglen), rev.lastAck)) {
                facts.retransmission = true; // spurious: the data was acknowledged already
            } else if (rev.dupAcks >= 2 && rev.lastAck == seq
                    && p.ts - rev.lastAckTime < FAST_RETRANSMISSION_WINDOW_MICROS) {
                facts.retransmission = true; // fast retransmission
            } else {
                long threshold = c.initialRtt > 0 ? c.initialRtt : DEFAULT_OOO_THRESHOLD_MICROS;
                boolean outOfOrder = p.ts - fwd.nextSeqTime < threshold && fwd.nextSeq != add(seq, seglen);
                facts.retransmission = !outOfOrder;
            }
        }
        if (keepAlive) {
            return;
        }
        if (facts.retransmission) {
            long span = seglen + ((flags & Packet.SYN) != 0 ? 1 : 0) + ((flags & Packet.FIN) != 0 ? 1 : 0);
            fwd.markRetransmitted(seq, add(seq, Math.max(span, 1)));
        }
        long next = add(seq, seglen + ((flags & Packet.SYN) != 0 ? 1 : 0) + ((flags & Packet.FIN) != 0 ? 1 : 0));
        if (fwd.nextSeq < 0 || gt(next, fwd.nextSeq)) {
            fwd.addUnacked(seq, next, p.ts);
            fwd.nextSeq = next;
            fwd.nextSeqTime = p.ts;
        }
    }

    /** Duplicate-ACK counting and the RTT of the data segment this ACK acknowledges exactly. */
    private static void acknowledgement(Flow fwd, Flow rev, Packet p, boolean ack, TcpFacts facts) {
        if (!ack) {
            return;
        }
        long a = p.tcpAck;
        long seglen = p.has(Packet.PAYLOAD_LEN) ? p.payloadLen : 0;
        boolean pure = seglen == 0 && (p.tcpFlags & (Packet.SYN | Packet.FIN | Packet.RST)) == 0;
        if (pure && a == fwd.lastAck && p.tcpWin == fwd.lastWindow && p.tcpWin != 0) {
            fwd.dupAcks++;
        } else if (a != fwd.lastAck || !pure) {
            fwd.dupAcks = 0;
        }
        if (fwd.lastAck < 0 || gt(a, fwd.lastAck) || a == fwd.lastAck) {
            fwd.lastAck = a;
        }
        fwd.lastAckTime = p.ts;
        fwd.lastWindow = p.tcpWin;
        rev.acknowledge(a, p.ts, facts);
    }

    /**
     * Drops connections idle for the timeout. Only connections queued more than a timeout ago can be idle,
     * and they sit at the head: each is dropped if idle, else queued again at the tail.
     */
    private void sweep(long now) {
        if (now - lastSweep < IDLE_TIMEOUT_MICROS / 100) {
            return;
        }
        lastSweep = now;
        List<Connection> live = null;
        Iterator<Connection> it = connections.values().iterator();
        while (it.hasNext()) {
            Connection c = it.next();
            if (now - c.queuedAt <= IDLE_TIMEOUT_MICROS) {
                break;
            }
            it.remove();
            if (now - c.lastSeen <= IDLE_TIMEOUT_MICROS) {
                if (live == null) {
                    live = new ArrayList<>();
                }
                live.add(c);
            }
        }
        if (live != null) {
            for (Connection c : live) {
                c.queuedAt = now;
                connections.put(c, c);
            }
        }
    }

    /** Makes room by dropping the connection queued longest ago (roughly the least recently seen). */
    private void evictOldest() {
        Iterator<Connection> it = connections.values().iterator();
        if (it.hasNext()) {
            it.next();
            it.remove();
            evicted++;
        }
    }

    static long add(long seq, long n) {
        return (seq + n) & 0xFFFFFFFFL;
    }

    /** Sequence-space comparisons (RFC 1982 serial arithmetic over 32 bits). */
    static boolean lt(long a, long b) {
        return (int) (a - b) < 0;
    }

    static boolean le(long a, long b) {
        return (int) (a - b) <= 0;
    }

    static boolean gt(long a, long b) {
        return (int) (a - b) > 0;
    }

    /** Both directions of one connection, and its handshake; it is its own key in the table. */
    private static final class Connection extends ConnectionKey {
        final Flow a = new Flow();
        final Flow b = new Flow();
        long lastSeen;
        /** When the connection was last placed at the tail of the table. */
        long queuedAt;
        Boolean clientIsA;
        boolean rolesFromSyn;
        long synSeq = -1;
        long synTime;
        long serverIsn;
        boolean synAckSeen;
        boolean handshakeDone;
        long initialRtt;
        boolean reset;

        boolean closedOrReset() {
            return reset || (a.finSeen && b.finSeen);
        }
    }
}
