package org.intstream.engine.tcp;

/**
 * The data segments one direction of a connection sent that are not acknowledged yet, to time the ACKs:
 * in sequence order (only segments that advance the sequence space are added), in a ring buffer, so an ACK
 * consumes a prefix and each segment is touched a bounded number of times. Created with a direction's first
 * segment that takes sequence space (a SYN too: the SYN-ACK times it) and reused when its connection's row
 * is.
 *
 * <p>A segment is four longs side by side in one array, so reading one costs one cache line: its sequence
 * number (moved on by partial ACKs), its end, the time it was sent, and the sequence number it was sent with
 * (the low 32 bits) with the flag a retransmission sets (bit 32: Karn's rule takes no RTT from it).
 */
final class UnackedSegments {
    /**
     * At most this many unacknowledged segments are remembered per direction (a capture that misses the
     * ACKs would otherwise grow the list forever); past it the oldest is dropped, losing only its RTT sample.
     */
    static final int MAX = 1024;

    private static final int SEQ = 0;
    private static final int NEXT = 1;
    private static final int TIME = 2;
    private static final int ORIGIN = 3;
    private static final int WORDS = 4;
    static final long RESENT = 1L << 32;
    static final long ORIGIN_BITS = 0xFFFFFFFFL;

    private long[] segments = new long[WORDS];
    /** Segments the array holds (a power of two). */
    private int capacity = 1;
    private int head;
    private int count;

    int count() {
        return count;
    }

    /** Forgets every segment, for a new connection in the same row. */
    void clear() {
        head = 0;
        count = 0;
    }

    private int base(int k) {
        return ((head + k) & (capacity - 1)) * WORDS;
    }

    void add(long segSeq, long segNext, long segTime) {
        add(segSeq, segNext, segTime, segSeq & ORIGIN_BITS);
    }

    /**
     * Adds a segment as another list kept it: its sequence number (moved on by partial ACKs), end, time sent,
     * and origin word (the sequence number it was sent with, and {@link #RESENT}).
     */
    void add(long segSeq, long segNext, long segTime, long originWord) {
        if (count == MAX) {
            head = (head + 1) & (capacity - 1);
            count--;
        }
        if (count == capacity) {
            grow();
        }
        int b = base(count);
        long[] s = segments;
        s[b + SEQ] = segSeq;
        s[b + NEXT] = segNext;
        s[b + TIME] = segTime;
        s[b + ORIGIN] = originWord;
        count++;
    }

    /** A retransmission of [from, end) was seen: the segments it overlaps won't give Karn samples. */
    void markRetransmitted(long from, long end) {
        long[] s = segments;
        // Segment ends only grow: the segments that end at or before the retransmission's start (those it can't
        // overlap, usually all but the last few of a long list) are passed over by a binary search.
        int low = 0;
        int high = count;
        while (low < high) {
            int k = (low + high) >>> 1;
            if (TcpAnalyzer.lt(from, s[base(k) + NEXT])) {
                high = k;
            } else {
                low = k + 1;
            }
        }
        for (int k = low; k < count; k++) {
            int b = base(k);
            if (TcpAnalyzer.le(end, s[b + ORIGIN] & ORIGIN_BITS)) {
                return; // ordered: nothing further overlaps
            }
            if (TcpAnalyzer.lt(from, s[b + NEXT])) {
                s[b + ORIGIN] |= RESENT;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[2 * capacity * WORDS];
        for (int k = 0; k < count; k++) {
            System.arraycopy(segments, base(k), bigger, k * WORDS, WORDS);
        }
        segments = bigger;
        capacity *= 2;
        head = 0;
    }

    /**
     * Applies an ACK from the other side: segments it covers are forgotten, a segment it cuts is shortened,
     * and when it ends exactly where a segment ends, that segment's RTT is the sample (Wireshark's
     * ack_rtt; a zero difference gives no sample) — a Karn sample too unless the segment was retransmitted.
     */
    void acknowledge(long ack, long now, TcpFacts facts) {
        long[] s = segments;
        while (count > 0) {
            int b = head * WORDS;
            long start = s[b + SEQ];
            long n = s[b + NEXT];
            if (ack == n) {
                long rtt = now - s[b + TIME];
                if (rtt > 0) {
                    facts.hasAckRtt = true;
                    facts.ackRttMicros = rtt;
                    facts.hasKarnRtt = (s[b + ORIGIN] & RESENT) == 0;
                }
            } else if (TcpAnalyzer.gt(ack, start) && TcpAnalyzer.le(ack, n)) {
                s[b + SEQ] = ack; // partly acknowledged
                return;
            } else if (TcpAnalyzer.gt(n, ack)) {
                return; // not acknowledged yet, nor anything after it
            }
            head = (head + 1) & (capacity - 1); // fully acknowledged (or older than the ACK): forget it
            count--;
        }
    }
}
