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

    // unacknowledged segments, oldest first: [seq, next) sent at time
    private long[] segSeq = new long[8];
    private long[] segNext = new long[8];
    private long[] segTime = new long[8];
    private int count;

    void addUnacked(long seq, long next, long time) {
        if (count == segSeq.length) {
            segSeq = java.util.Arrays.copyOf(segSeq, count * 2);
            segNext = java.util.Arrays.copyOf(segNext, count * 2);
            segTime = java.util.Arrays.copyOf(segTime, count * 2);
        }
        segSeq[count] = seq;
        segNext[count] = next;
        segTime[count] = time;
        count++;
    }

    /**
     * Applies an ACK from the other side: segments it covers are forgotten, a segment it cuts is shortened,
     * and when it ends exactly where a segment ends, that segment's RTT is the sample (Wireshark's
     * ack_rtt: the newest such segment; a zero difference gives no sample).
     */
    void acknowledge(long ack, long now, TcpFacts facts) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            long s = segSeq[i];
            long n = segNext[i];
            if (ack == n) {
                long rtt = now - segTime[i];
                if (rtt > 0) {
                    facts.hasAckRtt = true;
                    facts.ackRttMicros = rtt;
                }
                continue; // fully acknowledged
            }
            if (TcpAnalyzer.gt(ack, s) && TcpAnalyzer.le(ack, n)) {
                segSeq[kept] = ack; // partly acknowledged
                segNext[kept] = n;
                segTime[kept] = segTime[i];
                kept++;
                continue;
            }
            if (TcpAnalyzer.gt(n, ack)) {
                segSeq[kept] = s; // not yet acknowledged
                segNext[kept] = n;
                segTime[kept] = segTime[i];
                kept++;
            }
            // else: older than the ACK, forget it
        }
        count = kept;
    }
}
