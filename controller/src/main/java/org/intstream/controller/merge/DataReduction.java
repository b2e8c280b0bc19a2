package org.intstream.controller.merge;

import java.util.LinkedHashMap;
import java.util.Map;
import org.intstream.query.placement.PlacementCost;

/**
 * The data-reduction figure of one query or of all: the bytes of partial results that crossed into the global
 * stage against what a central collector would need for the same packets (their 5-tuple and length each).
 */
public final class DataReduction {
    private final long packets;
    private final long bytes;
    private final long bytesCrossing;

    private DataReduction(long packets, long bytes, long bytesCrossing) {
        this.packets = packets;
        this.bytes = bytes;
        this.bytesCrossing = bytesCrossing;
    }

    /** Per query, in the counters' order. */
    public static Map<String, DataReduction> perQuery(Map<String, QueryCounters> counters) {
        Map<String, DataReduction> out = new LinkedHashMap<>();
        counters.forEach((name, c) -> out.put(name, of(c)));
        return out;
    }

    /** All queries together. */
    public static DataReduction total(Map<String, QueryCounters> counters) {
        long packets = 0;
        long bytes = 0;
        long crossing = 0;
        for (QueryCounters c : counters.values()) {
            DataReduction r = of(c);
            packets += r.packets;
            bytes += r.bytes;
            crossing += r.bytesCrossing;
        }
        return new DataReduction(packets, bytes, crossing);
    }

    private static DataReduction of(QueryCounters c) {
        Map<String, Long> s = c.snapshot();
        return new DataReduction(s.get("packets"), s.get("bytes"), s.get("bytes_crossing"));
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    public long bytesCrossing() {
        return bytesCrossing;
    }

    public long centralBytes() {
        return packets * PlacementCost.CENTRAL_TUPLE_BYTES;
    }

    /** 1 − crossing ÷ central, or null before any packet was observed (no ratio). */
    public Double reduction() {
        long central = centralBytes();
        return central == 0 ? null : 1 - (double) bytesCrossing / central;
    }
}
