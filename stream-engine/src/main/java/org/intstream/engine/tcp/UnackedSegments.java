package org.intstream.engine.tcp;

/**
 * The data segments one direction of a connection sent that are not acknowledged yet, to time the ACKs:
 * in sequence order (only segments that advance the sequence space are added), in a ring buffer, so an ACK
 * consumes a prefix and each segment is touched a bounded number of times. Created with a direction's first
 * data segment (many connections — scans, floods — never carry any) and reused when its connection's row
 * is.
 */
final class UnackedSegments {
    /**
     * At most this many unacknowledged segments are remembered per direction (a capture that misses the
     * ACKs would otherwise grow the list forever); past it the oldest is dropped, losing only its RTT sample.
     */
    static final int MAX = 1024;

    private long[] seq = new long[4];
    private long[] next = new long[4];
    private long[] time = new long[4];
    /** The segment's first sequence number as sent ({@link #seq} moves on with partial ACKs). */
    private long[] origin = new long[4];
    /** Set when a retransmission covered part of the segment: Karn's rule takes no RTT from it. */
    private boolean[] resent = new boolean[4];
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

    void add(long segSeq, long segNext, long segTime) {
        if (count == MAX) {
            head = (head + 1) & (seq.length - 1);
            count--;
        }
        if (count == seq.length) {
            grow();
        }
        int i = (head + count) & (seq.length - 1);
        seq[i] = segSeq;
        next[i] = segNext;
        time[i] = segTime;
        origin[i] = segSeq;
        resent[i] = false;
        count++;
    }

    /** A retransmission of [from, end) was seen: the segments it overlaps won't give Karn samples. */
    void markRetransmitted(long from, long end) {
        int mask = seq.length - 1;
        // Segment ends only grow: the segments that end at or before the retransmission's start (those it can't
        // overlap, usually all but the last few of a long list) are passed over by a binary search.
        int low = 0;
        int high = count;
        while (low < high) {
            int k = (low + high) >>> 1;
            if (TcpAnalyzer.lt(from, next[(head + k) & mask])) {
                high = k;
            } else {
                low = k + 1;
            }
        }
        for (int k = low; k < count; k++) {
            int i = (head + k) & mask;
            if (TcpAnalyzer.le(end, origin[i])) {
                return; // ordered: nothing further overlaps
            }
            if (TcpAnalyzer.lt(from, next[i])) {
                resent[i] = true;
            }
        }
    }

    private void grow() {
        int n = seq.length;
        long[] s = new long[n * 2];
        long[] x = new long[n * 2];
        long[] t = new long[n * 2];
        long[] o = new long[n * 2];
        boolean[] r = new boolean[n * 2];
        for (int k = 0; k < count; k++) {
            int i = (head + k) & (n - 1);
            s[k] = seq[i];
            x[k] = next[i];
            t[k] = time[i];
            o[k] = origin[i];
            r[k] = resent[i];
        }
        seq = s;
        next = x;
        time = t;
        origin = o;
        resent = r;
        head = 0;
    }

    /**
     * Applies an ACK from the other side: segments it covers are forgotten, a segment it cuts is shortened,
     * and when it ends exactly where a segment ends, that segment's RTT is the sample (Wireshark's
     * ack_rtt; a zero difference gives no sample) — a Karn sample too unless the segment was retransmitted.
     */
    void acknowledge(long ack, long now, TcpFacts facts) {
        int mask = seq.length - 1;
        while (count > 0) {
            long s = seq[head];
            long n = next[head];
            if (ack == n) {
                long rtt = now - time[head];
                if (rtt > 0) {
                    facts.hasAckRtt = true;
                    facts.ackRttMicros = rtt;
                    facts.hasKarnRtt = !resent[head];
                }
            } else if (TcpAnalyzer.gt(ack, s) && TcpAnalyzer.le(ack, n)) {
                seq[head] = ack; // partly acknowledged
                return;
            } else if (TcpAnalyzer.gt(n, ack)) {
                return; // not acknowledged yet, nor anything after it
            }
            head = (head + 1) & mask; // fully acknowledged (or older than the ACK): forget it
            count--;
        }
    }
}
