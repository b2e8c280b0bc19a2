package org.intstream.query.placement;

/**
 * The traffic a placement is priced for, per window of the query: packets, distinct keys of the query's
 * grouping, keys in the answer, and observation points. Given by the operator (`intstream explain --packets
 * ... --keys ...`) or measured over a trace.
 */
public final class TrafficProfile {
    public static final TrafficProfile DEFAULT = new TrafficProfile(1_000_000, 10_000, 10, 3);

    private final long packets;
    private final long keys;
    private final long answers;
    private final int points;

    /**
     * @param packets packets per window, all points together
     * @param keys distinct keys per window of the query's grouping (at most the packets)
     * @param answers keys in the window's answer (over the threshold), at most the keys
     * @param points observation points (agents or switch edge points) that see part of the traffic
     */
    public TrafficProfile(long packets, long keys, long answers, int points) {
        if (packets < 0 || keys < 0 || answers < 0 || points < 1) {
            throw new IllegalArgumentException("packets, keys and answers per window must be >= 0 and points >= 1, not "
                    + packets + ", " + keys + ", " + answers + ", " + points);
        }
        this.packets = packets;
        this.keys = Math.min(keys, packets);
        this.answers = Math.min(answers, this.keys);
        this.points = points;
    }

    public long packets() {
        return packets;
    }

    public long keys() {
        return keys;
    }

    public long answers() {
        return answers;
    }

    public int points() {
        return points;
    }

    @Override
    public String toString() {
        return String.format("%,d packets, %,d keys, %,d answers per window over %d points", packets, keys, answers,
                points);
    }
}
