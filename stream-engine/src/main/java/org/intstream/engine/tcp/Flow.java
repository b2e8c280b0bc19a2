package org.intstream.engine.tcp;

/**
 * One direction of a TCP connection: the next sequence number expected, the data segments not yet
 * acknowledged (to time ACKs), and the sender's last ACK and duplicate-ACK count.
 */
final class Flow {
    long nextSeq = -1;
    long nextSeqTime;
    long lastAck = -1;
    long lastAckTime;
    int lastWindow = -1;
    int dupAcks;
    boolean finSeen;

    // Unacknowledged segments in sequence order (only segments that advance the sequence space are
    // added), in a ring buffer: an ACK consumes a prefix, so each segment is touched a bounded number of times.
    // allocated with the first segment: many connections (scans, floods) never carry data
    private long[] segSeq;
    private long[] segNext;
    private long[] segTime;
    /** The segment's first sequence number as sent (segSeq moves on with partial ACKs). */
    private long[] segOrigin;
    /** Set when a retransmission covered part of the segment: Karn's rule takes no RTT from it. */
    private boolean[] segResent;
    private int head;
    private int count;

    /**
     * At most this many unacknowledged segments are remembered per direction (a capture that misses the
     * ACKs would otherwise grow the list forever); past it the oldest is dropped, losing only its RTT sample.
     */
    static final int MAX_UNACKED = 1024;

    void addUnacked(long seq, long next, long time) {
        if (count == MAX_UNACKED) {
            head = (head + 1) & (segSeq.length - 1);
            count--;
        }
        if (segSeq == null) {
            segSeq = new long[4];
            segNext = new long[4];
            segTime = new long[4];
            segOrigin = new long[4];
            segResent = new boolean[4];
        } else if (count == segSeq.length) {
            grow();
        }
        int i = (head + count) & (segSeq.length - 1);
        segSeq[i] = seq;
        segNext[i] = next;
        segTime[i] = time;
        segOrigin[i] = seq;
        segResent[i] = false;
        count++;
    }

    /** A retransmission of [seq, end) was seen: the unacknowledged segments it overlaps won't give Karn samples. */
    void markRetransmitted(long seq, long end) {
        if (count == 0) {
            return;
        }
        int mask = segSeq.length - 1;
        for (int k = 0; k < count; k++) {
            int i = (head + k) & mask;
            if (TcpAnalyzer.le(end, segOrigin[i])) {
                return; // ordered: nothing further overlaps
            }
            if (TcpAnalyzer.lt(seq, segNext[i])) {
                segResent[i] = true;
            }
        }
    }

    private void grow() {
        int n = segSeq.length;
        long[] s = new long[n * 2];
        long[] x = new long[n * 2];
        long[] t = new long[n * 2];
        long[] o = new long[n * 2];
        boolean[] r = new boolean[n * 2];
        for (int k = 0; k < count; k++) {
            int i = (head + k) & (n - 1);
            s[k] = segSeq[i];
            x[k] = segNext[i];
            t[k] = segTime[i];
            o[k] = segOrigin[i];
            r[k] = segResent[i];
        }
        segSeq = s;
        segNext = x;
        segTime = t;
        segOrigin = o;
        segResent = r;
        head = 0;
    }

    /**
     * Applies an ACK from the other side: segments it covers are forgotten, a segment it cuts is shortened,
     * and when it ends exactly where a segment ends, that segment's RTT is the sample (Wireshark's
     * ack_rtt; a zero difference gives no sample) — a Karn sample too unless the segment was retransmitted.
     */
    void acknowledge(long ack, long now, TcpFacts facts) {
        if (count == 0) {
            return;
        }
        int mask = segSeq.length - 1;
        while (count > 0) {
            long s = segSeq[head];
            long n = segNext[head];
            if (ack == n) {
                long rtt = now - segTime[head];
                if (rtt > 0) {
                    facts.hasAckRtt = true;
                    facts.ackRttMicros = rtt;
                    facts.hasKarnRtt = !segResent[head];
                }
            } else if (TcpAnalyzer.gt(ack, s) && TcpAnalyzer.le(ack, n)) {
                segSeq[head] = ack; // partly acknowledged
                return;
            } else if (TcpAnalyzer.gt(n, ack)) {
                return; // not acknowledged yet, nor anything after it
            }
            head = (head + 1) & mask; // fully acknowledged (or older than the ACK): forget it
            count--;
        }
    }
}
