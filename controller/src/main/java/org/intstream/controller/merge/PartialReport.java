package org.intstream.controller.merge;

import java.util.List;
import java.util.Objects;

/**
 * One agent's rows of one query for one closed window, as the agent sent them (values boxed as the engine
 * holds them: Long, Double, String, Boolean, IpAddress, IpPrefix, List, null for absent).
 */
public final class PartialReport {
    private final String agentId;
    private final String query;
    private final long queryVersion;
    private final long sequence;
    private final long windowStart;
    private final long windowEnd;
    private final List<Object[]> rows;
    private final boolean complete;
    private final long packets;
    private final long bytes;
    private final long captureDrops;
    private final boolean approximate;
    private final List<String> notes;

    public PartialReport(String agentId, String query, long queryVersion, long sequence, long windowStart,
            long windowEnd, List<Object[]> rows, boolean complete, long packets, long bytes, long captureDrops,
            boolean approximate, List<String> notes) {
        this.agentId = Objects.requireNonNull(agentId, "agent id can't be null");
        this.query = Objects.requireNonNull(query, "query can't be null");
        this.queryVersion = queryVersion;
        this.sequence = sequence;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.rows = List.copyOf(rows);
        this.complete = complete;
        this.packets = packets;
        this.bytes = bytes;
        this.captureDrops = captureDrops;
        this.approximate = approximate;
        this.notes = List.copyOf(notes);
    }

    public String agentId() {
        return agentId;
    }

    public String query() {
        return query;
    }

    public long queryVersion() {
        return queryVersion;
    }

    public long sequence() {
        return sequence;
    }

    public long windowStart() {
        return windowStart;
    }

    public long windowEnd() {
        return windowEnd;
    }

    public List<Object[]> rows() {
        return rows;
    }

    /** False when the agent observed only part of the window (it started or restarted inside it). */
    public boolean complete() {
        return complete;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    public long captureDrops() {
        return captureDrops;
    }

    public boolean approximate() {
        return approximate;
    }

    public List<String> notes() {
        return notes;
    }
}
