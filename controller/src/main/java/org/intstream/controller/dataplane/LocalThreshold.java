package org.intstream.controller.dataplane;

import org.intstream.query.partition.SwitchStage;

/**
 * The threshold each of {@code k} switches reports keys over, so that together they report every key whose
 * network-wide count exceeds the query's threshold {@code T} (DESIGN.md, "Placement").
 *
 * <p>Slots compare strictly (a key is reported when its count is <em>over</em> the threshold). The local
 * threshold is {@code floor(T / k)}: if every switch's count {@code c_i} of a key were at most
 * {@code floor(T / k)}, their sum would be at most {@code k * floor(T / k) <= T}; so a key over {@code T} is over
 * {@code floor(T / k)} at one switch at least, and since a switch's count-min estimate is never below its count,
 * that switch reports it. No larger local threshold has this property: {@code floor(T / k) + 1} at every switch
 * adds up to more than {@code T} without any switch reporting. (DESIGN's {@code ceil(T/k)} is the same bound
 * for "at least" comparisons: over {@code floor(T / k)} is at least {@code ceil((T + 1) / k)}.)
 */
public final class LocalThreshold {

    private LocalThreshold() {
    }

    /**
     * @param threshold the query's threshold {@code T} (keys over it are the answer), or
     *     {@link SwitchStage#NO_THRESHOLD}, which stays as it is
     * @param points {@code k}, the switches that may each see part of a key's packets
     */
    public static long of(long threshold, int points) {
        if (points < 1) {
            throw new IllegalArgumentException("a threshold is split over at least one switch, not " + points);
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("a threshold can't be negative: " + threshold);
        }
        return threshold == SwitchStage.NO_THRESHOLD ? threshold : threshold / points;
    }
}
