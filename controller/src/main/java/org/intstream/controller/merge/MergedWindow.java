package org.intstream.controller.merge;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.intstream.query.plan.Schema;

/**
 * A query's result for one window, merged from the agents' partials: the global stage's rows and how much
 * of the network they cover. A window is partial when some expected agent did not report it in full.
 */
public final class MergedWindow {
    private final String query;
    private final long queryVersion;
    private final long start;
    private final long end;
    private final Schema schema;
    private final List<Object[]> rows;
    private final Set<String> reported;
    private final Set<String> expected;
    private final boolean approximate;
    private final List<String> notes;
    private final long packets;
    private final long bytes;
    private final long captureDrops;

    public MergedWindow(String query, long queryVersion, long start, long end, Schema schema, List<Object[]> rows,
            Set<String> reported, Set<String> expected, boolean approximate, List<String> notes, long packets,
            long bytes, long captureDrops) {
        this.query = query;
        this.queryVersion = queryVersion;
        this.start = start;
        this.end = end;
        this.schema = schema;
        this.rows = List.copyOf(rows);
        this.reported = Collections.unmodifiableSortedSet(new TreeSet<>(reported));
        this.expected = Collections.unmodifiableSortedSet(new TreeSet<>(expected));
        this.approximate = approximate;
        this.notes = List.copyOf(notes);
        this.packets = packets;
        this.bytes = bytes;
        this.captureDrops = captureDrops;
    }

    public String query() {
        return query;
    }

    public long queryVersion() {
        return queryVersion;
    }

    /** Window start, microseconds since the epoch. */
    public long start() {
        return start;
    }

    /** Window end (exclusive), microseconds since the epoch. */
    public long end() {
        return end;
    }

    public Schema schema() {
        return schema;
    }

    public List<Object[]> rows() {
        return rows;
    }

    /** The agents whose complete report of the window is in it, by id. */
    public Set<String> reported() {
        return reported;
    }

    /** The agents the controller waited for, by id. */
    public Set<String> expected() {
        return expected;
    }

    /** Agents reported in full over agents expected, e.g. "2/3". */
    public String coverage() {
        return reported.size() + "/" + expected.size();
    }

    /** True when some expected agent did not report the window in full. */
    public boolean partial() {
        return !reported.containsAll(expected);
    }

    public boolean approximate() {
        return approximate;
    }

    public List<String> notes() {
        return notes;
    }

    /** Packets, bytes and capture drops the agents saw in the window. */
    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    public long captureDrops() {
        return captureDrops;
    }
}
