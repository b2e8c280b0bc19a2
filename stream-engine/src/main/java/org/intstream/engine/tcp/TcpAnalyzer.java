package org.intstream.engine.tcp;

import java.util.Arrays;
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
 *
 * <p>A connection is one row of longs (its endpoints, handshake and both directions' sequence state) in
 * pages of rows, found through an open-addressing index of (hash, row) words: a packet of a connection
 * touches the index word and the row's three cache lines, where objects per connection and direction cost
 * a cache miss each. A direction keeps one segment waiting for its ACK in its own words; only a direction
 * with more in flight gets an object for them.
 * Each direction of a row also has a few memo words where the key tables of connection-keyed queries keep
 * the connection's group id ({@link TcpFacts#memo}): the row is in cache already, their own tables are not.
 */
public final class TcpAnalyzer {
    /** Connections with no packet for this long are dropped. */
    public static final long IDLE_TIMEOUT_MICROS = 300_000_000L;
    /** Out-of-order threshold before the handshake's RTT is known (Wireshark's 3 ms). */
    static final long DEFAULT_OOO_THRESHOLD_MICROS = 3_000;
    /** A retransmission within this time of the second duplicate ACK is a fast retransmission. */
    static final long FAST_RETRANSMISSION_WINDOW_MICROS = 20_000;

    // A row: side A's and side B's address (hi, lo), then both ports beside the connection's flag bits, the
    // handshake, and one block per direction. Side A is the smaller (address, port).
    private static final int A_HI = 0;
    private static final int A_LO = 1;
    private static final int B_HI = 2;
    private static final int B_LO = 3;
    /** A's port in bits 48..63, B's in 32..47, the flag bits below. */
    private static final int PORTS_AND_FLAGS = 4;
    private static final int LAST_SEEN = 5;
    private static final int SYN_SEQ = 6;
    private static final int SYN_TIME = 7;
    private static final int SERVER_ISN = 8;
    private static final int INITIAL_RTT = 9;
    // Each direction's block: its flow words, then its TcpFacts#MEMO_WORDS memo words (see TcpFacts#memo), next
    // to the flow words the analysis just read.
    private static final int FLOW_A = 10;
    private static final int FLOW_B = FLOW_A + 11 + TcpFacts.MEMO_WORDS;
    private static final int STRIDE = FLOW_B + 11 + TcpFacts.MEMO_WORDS;
    // within a direction's block
    private static final int NEXT_SEQ = 0;
    private static final int NEXT_SEQ_TIME = 1;
    private static final int LAST_ACK = 2;
    private static final int LAST_ACK_TIME = 3;
    private static final int LAST_WINDOW = 4;
    private static final int DUP_ACKS = 5;
    /**
     * How many segments of the direction wait for their ACK; with {@link #IN_OBJECT} when they are in the
     * direction's {@link UnackedSegments}, else at most one, in the block's own words (a SYN, a request): most
     * directions never need the object.
     */
    private static final int UNACKED = 6;
    // the one unacknowledged segment kept in the block, as UnackedSegments keeps each of its segments
    private static final int SEG_SEQ = 7;
    private static final int SEG_NEXT = 8;
    private static final int SEG_TIME = 9;
    private static final int SEG_ORIGIN = 10;
    private static final int MEMO = 11;
    private static final long IN_OBJECT = 1L << 32;
    private static final long COUNT = IN_OBJECT - 1;

    private static final long ROLES_KNOWN = 1;
    private static final long CLIENT_IS_A = 2;
    private static final long ROLES_FROM_SYN = 4;
    private static final long SYN_ACK_SEEN = 8;
    private static final long HANDSHAKE_DONE = 16;
    private static final long RESET = 32;
    private static final long A_FIN = 64;
    private static final long B_FIN = 128;
    /** Set while side A's (B's) memo words hold this connection's, under its current roles. */
    private static final long A_MEMO = 256;
    private static final long B_MEMO = 512;
    private static final long FLAG_BITS = 0xFFFFFFFFL;

    private static final int PAGE_BITS = 12;
    private static final int PAGE_ROWS = 1 << PAGE_BITS;
    private static final int INITIAL_ROWS = 1 << 14;

    private final int maxConnections;
    /** Rows by number: page {@code row >>> PAGE_BITS}, never moved once allocated. */
    private long[][] pages = new long[0][];
    private UnackedSegments[] unacked = new UnackedSegments[0];
    private int rowCapacity;
    private int rowsUsed;
    private int[] freeRows = new int[16];
    private int freeCount;
    private int size;

    /** (hash << 32) | (row + 1); 0 is an empty slot. At most half full. */
    private long[] index;
    private int indexMask;

    /**
     * Rows in the order connections were queued (created, or re-queued by a sweep). Access order would relink
     * a row on every packet; instead a sweep re-queues the live connections it finds at the head, so each is
     * moved at most once per idle timeout.
     */
    private int[] queuePrev = new int[0];
    private int[] queueNext = new int[0];
    private long[] queuedAt = new long[0];
    private int queueHead = -1;
    private int queueTail = -1;

    // the current packet's connection key, side A first
    private long keyAHi;
    private long keyALo;
    private long keyBHi;
    private long keyBLo;
    private long keyPorts;
    private int keyHash;
    private boolean senderIsA;

    private long lastSweep;
    private long evicted;

    public TcpAnalyzer(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("a TCP analyzer tracks at least one connection, not " + maxConnections);
        }
        this.maxConnections = maxConnections;
        growRows(Math.min(INITIAL_ROWS, maxConnections));
    }

    public TcpAnalyzer() {
        this(1_000_000);
    }

    public int trackedConnections() {
        return size;
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
        setKey(p);
        int slot = find();
        int row = slot >= 0 ? (int) index[slot] - 1 : -1;
        int flags = p.tcpFlags;
        boolean syn = (flags & Packet.SYN) != 0;
        boolean ack = (flags & Packet.ACK) != 0;
        if (row >= 0 && syn && !ack && closedOrReset(row) && word(row, SYN_SEQ) != p.tcpSeq) {
            // a new connection reusing the 4-tuple: the row starts over, queued anew
            queueRemove(row);
            startRow(row);
            queueAppend(row, p.ts);
        }
        if (row < 0) {
            row = addConnection(p.ts);
        }
        long[] r = pages[row >>> PAGE_BITS];
        int base = (row & (PAGE_ROWS - 1)) * STRIDE;
        r[base + LAST_SEEN] = p.ts;
        boolean fromA = senderIsA;
        int fwd = base + (fromA ? FLOW_A : FLOW_B);
        int rev = base + (fromA ? FLOW_B : FLOW_A);

        roles(r, base, p, fromA, syn, ack, facts);
        memoize(r, base, fromA, facts);
        handshake(r, base, p, fromA, syn, ack, facts);
        sequence(r, base, fwd, rev, unackedSlot(row, fromA), p, facts);
        acknowledgement(r, fwd, rev, unackedSlot(row, !fromA), p, ack, facts);
        if ((flags & Packet.FIN) != 0) {
            r[base + PORTS_AND_FLAGS] |= fromA ? A_FIN : B_FIN;
        }
        if ((flags & Packet.RST) != 0) {
            r[base + PORTS_AND_FLAGS] |= RESET;
        }
    }

    private static int unackedSlot(int row, boolean sideA) {
        return 2 * row + (sideA ? 0 : 1);
    }

    private long word(int row, int offset) {
        return pages[row >>> PAGE_BITS][(row & (PAGE_ROWS - 1)) * STRIDE + offset];
    }

    private boolean closedOrReset(int row) {
        long f = word(row, PORTS_AND_FLAGS);
        return (f & RESET) != 0 || (f & (A_FIN | B_FIN)) == (A_FIN | B_FIN);
    }

    private void roles(long[] r, int base, Packet p, boolean fromA, boolean syn, boolean ack, TcpFacts facts) {
        long f = r[base + PORTS_AND_FLAGS];
        if (syn && !ack) {
            f = withClient(f, fromA) | ROLES_FROM_SYN;
        } else if (syn && (f & ROLES_FROM_SYN) == 0) {
            f = withClient(f, !fromA) | ROLES_FROM_SYN;
        } else if ((f & ROLES_KNOWN) == 0) {
            // no handshake seen: the side on the lower port is taken as the server
            boolean senderIsServer = p.sport < p.dport;
            f = withClient(f, senderIsServer != fromA);
        }
        if (((f ^ r[base + PORTS_AND_FLAGS]) & (ROLES_KNOWN | CLIENT_IS_A)) != 0) {
            f &= ~(A_MEMO | B_MEMO); // tcp.conn.* change: what was remembered under the old roles is void
        }
        r[base + PORTS_AND_FLAGS] = f;
        facts.hasRoles = true;
        boolean v4 = p.ipVersion == 4;
        facts.clientV4 = v4;
        facts.serverV4 = v4;
        int aPort = (int) (keyPorts >>> 16);
        int bPort = (int) (keyPorts & 0xFFFF);
        if ((f & CLIENT_IS_A) != 0) {
            facts.clientHi = keyAHi;
            facts.clientLo = keyALo;
            facts.clientPort = aPort;
            facts.serverHi = keyBHi;
            facts.serverLo = keyBLo;
            facts.serverPort = bPort;
        } else {
            facts.clientHi = keyBHi;
            facts.clientLo = keyBLo;
            facts.clientPort = bPort;
            facts.serverHi = keyAHi;
            facts.serverLo = keyALo;
            facts.serverPort = aPort;
        }
    }

    private static long withClient(long f, boolean clientIsA) {
        return (clientIsA ? f | CLIENT_IS_A : f & ~CLIENT_IS_A) | ROLES_KNOWN;
    }

    private static void handshake(long[] r, int base, Packet p, boolean fromA, boolean syn, boolean ack,
            TcpFacts facts) {
        long f = r[base + PORTS_AND_FLAGS];
        boolean fromClient = (f & ROLES_KNOWN) != 0 && ((f & CLIENT_IS_A) != 0) == fromA;
        if (syn && !ack && fromClient) {
            r[base + SYN_SEQ] = p.tcpSeq;
            r[base + SYN_TIME] = p.ts;
            r[base + PORTS_AND_FLAGS] = f & ~(SYN_ACK_SEEN | HANDSHAKE_DONE);
        } else if (syn && ack && !fromClient && r[base + SYN_SEQ] >= 0
                && p.tcpAck == ((r[base + SYN_SEQ] + 1) & 0xFFFFFFFFL)) {
            r[base + SERVER_ISN] = p.tcpSeq;
            r[base + PORTS_AND_FLAGS] = f | SYN_ACK_SEEN;
        } else if (!syn && ack && fromClient && (f & SYN_ACK_SEEN) != 0 && (f & HANDSHAKE_DONE) == 0
                && p.tcpAck == ((r[base + SERVER_ISN] + 1) & 0xFFFFFFFFL)) {
            r[base + PORTS_AND_FLAGS] = f | HANDSHAKE_DONE;
            facts.handshake = true;
            r[base + INITIAL_RTT] = p.ts - r[base + SYN_TIME];
        }
    }

    /** Wireshark's classification of a segment that does not advance the sequence space. */
    private void sequence(long[] r, int base, int fwd, int rev, int fwdUnacked, Packet p, TcpFacts facts) {
        int flags = p.tcpFlags;
        boolean synOrFin = (flags & (Packet.SYN | Packet.FIN)) != 0;
        long seq = p.tcpSeq;
        long seglen = p.has(Packet.PAYLOAD_LEN) ? p.payloadLen : 0;
        if (seglen == 0 && !synOrFin) {
            return;
        }
        long nextSeq = r[fwd + NEXT_SEQ];
        boolean keepAlive = false;
        if (nextSeq >= 0 && lt(seq, nextSeq)) {
            long revLastAck = r[rev + LAST_ACK];
            if (seglen <= 1 && !synOrFin && (flags & Packet.RST) == 0 && seq == ((nextSeq - 1) & 0xFFFFFFFFL)) {
                keepAlive = true;
            } else if (revLastAck >= 0 && le(add(seq, seglen), revLastAck)) {
                facts.retransmission = true; // spurious: the data was acknowledged already
            } else if (r[rev + DUP_ACKS] >= 2 && revLastAck == seq
                    && p.ts - r[rev + LAST_ACK_TIME] < FAST_RETRANSMISSION_WINDOW_MICROS) {
                facts.retransmission = true; // fast retransmission
            } else {
                long initialRtt = r[base + INITIAL_RTT];
                long threshold = initialRtt > 0 ? initialRtt : DEFAULT_OOO_THRESHOLD_MICROS;
                boolean outOfOrder = p.ts - r[fwd + NEXT_SEQ_TIME] < threshold && nextSeq != add(seq, seglen);
                facts.retransmission = !outOfOrder;
            }
        }
        if (keepAlive) {
            return;
        }
        long synFin = ((flags & Packet.SYN) != 0 ? 1 : 0) + ((flags & Packet.FIN) != 0 ? 1 : 0);
        if (facts.retransmission && r[fwd + UNACKED] > 0) {
            long end = add(seq, Math.max(seglen + synFin, 1));
            if ((r[fwd + UNACKED] & IN_OBJECT) != 0) {
                unacked[fwdUnacked].markRetransmitted(seq, end);
            } else if (lt(seq, r[fwd + SEG_NEXT]) && !le(end, r[fwd + SEG_ORIGIN] & UnackedSegments.ORIGIN_BITS)) {
                r[fwd + SEG_ORIGIN] |= UnackedSegments.RESENT;
            }
        }
        long next = add(seq, seglen + synFin);
        if (nextSeq < 0 || gt(next, nextSeq)) {
            addUnacked(r, fwd, fwdUnacked, seq, next, p.ts);
            r[fwd + NEXT_SEQ] = next;
            r[fwd + NEXT_SEQ_TIME] = p.ts;
        }
    }

    /** A segment waits for its ACK: in the block when it is the only one, else in the direction's object. */
    private void addUnacked(long[] r, int flow, int slot, long seq, long next, long time) {
        long waiting = r[flow + UNACKED];
        if (waiting == 0) {
            r[flow + SEG_SEQ] = seq;
            r[flow + SEG_NEXT] = next;
            r[flow + SEG_TIME] = time;
            r[flow + SEG_ORIGIN] = seq & UnackedSegments.ORIGIN_BITS;
            r[flow + UNACKED] = 1;
            return;
        }
        UnackedSegments u = unacked[slot];
        if ((waiting & IN_OBJECT) == 0) { // a second one: both move to the object
            if (u == null) {
                u = new UnackedSegments();
                unacked[slot] = u;
            }
            u.clear();
            u.add(r[flow + SEG_SEQ], r[flow + SEG_NEXT], r[flow + SEG_TIME], r[flow + SEG_ORIGIN]);
        }
        u.add(seq, next, time);
        r[flow + UNACKED] = IN_OBJECT | u.count();
    }

    /** An ACK from the other side for the direction's waiting segments (see UnackedSegments#acknowledge). */
    private void acknowledgeUnacked(long[] r, int flow, int slot, long ack, long now, TcpFacts facts) {
        long waiting = r[flow + UNACKED];
        if ((waiting & IN_OBJECT) != 0) {
            UnackedSegments u = unacked[slot];
            u.acknowledge(ack, now, facts);
            r[flow + UNACKED] = u.count() == 0 ? 0 : IN_OBJECT | u.count();
            return;
        }
        long start = r[flow + SEG_SEQ];
        long n = r[flow + SEG_NEXT];
        if (ack == n) {
            long rtt = now - r[flow + SEG_TIME];
            if (rtt > 0) {
                facts.hasAckRtt = true;
                facts.ackRttMicros = rtt;
                facts.hasKarnRtt = (r[flow + SEG_ORIGIN] & UnackedSegments.RESENT) == 0;
            }
        } else if (gt(ack, start) && le(ack, n)) {
            r[flow + SEG_SEQ] = ack; // partly acknowledged
            return;
        } else if (gt(n, ack)) {
            return; // not acknowledged yet
        }
        r[flow + UNACKED] = 0; // acknowledged (or older than the ACK): forgotten
    }

    /** Duplicate-ACK counting and the RTT of the data segment this ACK acknowledges exactly. */
    private void acknowledgement(long[] r, int fwd, int rev, int revUnacked, Packet p, boolean ack, TcpFacts facts) {
        if (!ack) {
            return;
        }
        long a = p.tcpAck;
        long seglen = p.has(Packet.PAYLOAD_LEN) ? p.payloadLen : 0;
        boolean pure = seglen == 0 && (p.tcpFlags & (Packet.SYN | Packet.FIN | Packet.RST)) == 0;
        long lastAck = r[fwd + LAST_ACK];
        if (pure && a == lastAck && p.tcpWin == r[fwd + LAST_WINDOW] && p.tcpWin != 0) {
            r[fwd + DUP_ACKS]++;
        } else if (a != lastAck || !pure) {
            r[fwd + DUP_ACKS] = 0;
        }
        if (lastAck < 0 || gt(a, lastAck) || a == lastAck) {
            r[fwd + LAST_ACK] = a;
        }
        r[fwd + LAST_ACK_TIME] = p.ts;
        r[fwd + LAST_WINDOW] = p.tcpWin;
        if (r[rev + UNACKED] > 0) {
            acknowledgeUnacked(r, rev, revUnacked, a, p.ts, facts);
        }
    }

    // ---- the connection table

    /** The packet's connection key: its endpoints ordered, side A the smaller (address, port). */
    private void setKey(Packet p) {
        long sHi;
        long sLo;
        long dHi;
        long dLo;
        if (p.ipVersion == 4) {
            sHi = 0;
            sLo = p.ip4Src & 0xFFFFFFFFL;
            dHi = 0;
            dLo = p.ip4Dst & 0xFFFFFFFFL;
        } else {
            sHi = p.ip6SrcHi;
            sLo = p.ip6SrcLo;
            dHi = p.ip6DstHi;
            dLo = p.ip6DstLo;
        }
        senderIsA = compare(sHi, sLo, p.sport, dHi, dLo, p.dport) <= 0;
        if (senderIsA) {
            setKey(sHi, sLo, p.sport, dHi, dLo, p.dport);
        } else {
            setKey(dHi, dLo, p.dport, sHi, sLo, p.sport);
        }
    }

    private void setKey(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        keyAHi = aHi;
        keyALo = aLo;
        keyBHi = bHi;
        keyBLo = bLo;
        keyPorts = ((long) (aPort & 0xFFFF) << 16) | (bPort & 0xFFFF);
        keyHash = hash(aHi, aLo, bHi, bLo, keyPorts);
    }

    private static int hash(long aHi, long aLo, long bHi, long bLo, long ports) {
        long h = aHi * 31 + aLo;
        h = h * 31 + bHi;
        h = h * 31 + bLo;
        h = h * 31 + ports;
        h ^= h >>> 29;
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private static int compare(long h1, long l1, int p1, long h2, long l2, int p2) {
        int c = Long.compareUnsigned(h1, h2);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(l1, l2);
        return c != 0 ? c : Integer.compare(p1, p2);
    }

    /** The index slot holding the current key, or -(empty slot + 1). */
    private int find() {
        long[] idx = index;
        int mask = indexMask;
        int i = keyHash & mask;
        while (true) {
            long e = idx[i];
            if (e == 0) {
                return -(i + 1);
            }
            if ((int) (e >>> 32) == keyHash && keyMatches((int) e - 1)) {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private boolean keyMatches(int row) {
        long[] r = pages[row >>> PAGE_BITS];
        int base = (row & (PAGE_ROWS - 1)) * STRIDE;
        return r[base + A_LO] == keyALo && r[base + B_LO] == keyBLo && r[base + A_HI] == keyAHi
                && r[base + B_HI] == keyBHi && (r[base + PORTS_AND_FLAGS] >>> 32) == keyPorts;
    }

    /** A row for the current key, the oldest connection evicted first when the table is full. */
    private int addConnection(long now) {
        if (size >= maxConnections) {
            evictOldest();
        }
        int row;
        if (freeCount > 0) {
            row = freeRows[--freeCount];
        } else {
            if (rowsUsed == rowCapacity) {
                growRows(Math.min(maxConnections, 2 * rowCapacity));
            }
            row = rowsUsed++;
        }
        long[] r = pages[row >>> PAGE_BITS];
        int base = (row & (PAGE_ROWS - 1)) * STRIDE;
        r[base + A_HI] = keyAHi;
        r[base + A_LO] = keyALo;
        r[base + B_HI] = keyBHi;
        r[base + B_LO] = keyBLo;
        r[base + PORTS_AND_FLAGS] = keyPorts << 32;
        startRow(row);
        int slot = find(); // again: an eviction may have moved index entries
        index[-slot - 1] = ((long) keyHash << 32) | (row + 1);
        size++;
        queueAppend(row, now);
        return row;
    }

    /** A connection's state as before its first packet (the key stays). */
    private void startRow(int row) {
        long[] r = pages[row >>> PAGE_BITS];
        int base = (row & (PAGE_ROWS - 1)) * STRIDE;
        r[base + PORTS_AND_FLAGS] &= ~FLAG_BITS;
        r[base + LAST_SEEN] = 0;
        r[base + SYN_SEQ] = -1;
        r[base + SYN_TIME] = 0;
        r[base + SERVER_ISN] = 0;
        r[base + INITIAL_RTT] = 0;
        startFlow(r, base + FLOW_A, unacked[unackedSlot(row, true)]);
        startFlow(r, base + FLOW_B, unacked[unackedSlot(row, false)]);
    }

    private static void startFlow(long[] r, int flow, UnackedSegments segments) {
        r[flow + NEXT_SEQ] = -1;
        r[flow + NEXT_SEQ_TIME] = 0;
        r[flow + LAST_ACK] = -1;
        r[flow + LAST_ACK_TIME] = 0;
        r[flow + LAST_WINDOW] = -1;
        r[flow + DUP_ACKS] = 0;
        r[flow + UNACKED] = 0;
        if (segments != null) {
            segments.clear();
        }
    }

    /**
     * Points the facts at this direction's memo words, emptied first when they are another connection's (the
     * row started over) or from before the roles changed: only on the direction's first packet, so the words of
     * a direction that sends nothing (a scanned port's) are never touched.
     */
    private static void memoize(long[] r, int base, boolean fromA, TcpFacts facts) {
        long valid = fromA ? A_MEMO : B_MEMO;
        int words = base + (fromA ? FLOW_A : FLOW_B) + MEMO;
        if ((r[base + PORTS_AND_FLAGS] & valid) == 0) {
            for (int w = words; w < words + TcpFacts.MEMO_WORDS; w++) {
                r[w] = 0;
            }
            r[base + PORTS_AND_FLAGS] |= valid;
        }
        facts.memoize(r, words);
    }

    private void growRows(int capacity) {
        int pageCount = (capacity + PAGE_ROWS - 1) >>> PAGE_BITS;
        int oldPages = pages.length;
        pages = Arrays.copyOf(pages, pageCount);
        for (int k = oldPages; k < pageCount; k++) {
            pages[k] = new long[PAGE_ROWS * STRIDE];
        }
        unacked = Arrays.copyOf(unacked, 2 * capacity);
        queuePrev = Arrays.copyOf(queuePrev, capacity);
        queueNext = Arrays.copyOf(queueNext, capacity);
        queuedAt = Arrays.copyOf(queuedAt, capacity);
        rowCapacity = capacity;
        int slots = Integer.highestOneBit(Math.max(8, 2 * capacity - 1)) << 1;
        if (index == null || slots > index.length) {
            long[] old = index;
            index = new long[slots];
            indexMask = slots - 1;
            if (old != null) {
                for (long e : old) {
                    if (e != 0) {
                        int i = (int) (e >>> 32) & indexMask;
                        while (index[i] != 0) {
                            i = (i + 1) & indexMask;
                        }
                        index[i] = e;
                    }
                }
            }
        }
    }

    /** Forgets a connection (already out of the queue): its index entry goes, its row is free. */
    private void removeConnection(int row) {
        long[] r = pages[row >>> PAGE_BITS];
        int base = (row & (PAGE_ROWS - 1)) * STRIDE;
        int h = hash(r[base + A_HI], r[base + A_LO], r[base + B_HI], r[base + B_LO], r[base + PORTS_AND_FLAGS] >>> 32);
        int i = h & indexMask;
        while ((int) index[i] != row + 1) {
            i = (i + 1) & indexMask;
        }
        deleteSlot(i);
        if (freeCount == freeRows.length) {
            freeRows = Arrays.copyOf(freeRows, 2 * freeCount);
        }
        freeRows[freeCount++] = row;
        size--;
    }

    /** Linear-probing deletion: later entries of the probe run move back so every key stays reachable. */
    private void deleteSlot(int slot) {
        long[] idx = index;
        int mask = indexMask;
        int hole = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            long e = idx[j];
            if (e == 0) {
                break;
            }
            int home = (int) (e >>> 32) & mask;
            boolean reachable = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (!reachable) {
                idx[hole] = e;
                hole = j;
            }
        }
        idx[hole] = 0;
    }

    private void queueAppend(int row, long now) {
        queuedAt[row] = now;
        queuePrev[row] = queueTail;
        queueNext[row] = -1;
        if (queueTail >= 0) {
            queueNext[queueTail] = row;
        } else {
            queueHead = row;
        }
        queueTail = row;
    }

    private void queueRemove(int row) {
        int prev = queuePrev[row];
        int next = queueNext[row];
        if (prev >= 0) {
            queueNext[prev] = next;
        } else {
            queueHead = next;
        }
        if (next >= 0) {
            queuePrev[next] = prev;
        } else {
            queueTail = prev;
        }
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
        while (queueHead >= 0) {
            int row = queueHead;
            if (now - queuedAt[row] <= IDLE_TIMEOUT_MICROS) {
                break; // everything behind was queued later (a re-queued row was queued now)
            }
            queueRemove(row);
            if (now - word(row, LAST_SEEN) <= IDLE_TIMEOUT_MICROS) {
                queueAppend(row, now);
            } else {
                removeConnection(row);
            }
        }
    }

    /** Makes room by dropping the connection queued longest ago (roughly the least recently seen). */
    private void evictOldest() {
        int row = queueHead;
        if (row >= 0) {
            queueRemove(row);
            removeConnection(row);
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
}
