package org.intstream.query.partition;

import java.util.List;
import org.intstream.query.plan.LogicalPlan;

/**
 * A query split for the network: a local plan every observation point runs over its own packets, emitting
 * one row per window and key (partial results, or the final rows when the key pins the point), and a global
 * plan the controller runs over the union of those rows, read as the stream {@link #partialStream()} with
 * each row timestamped at its window's start. Immutable.
 */
public final class DistributedPlan {
    /** How the points' rows combine. */
    public enum Mode {
        /** A key is seen at one point only (it contains the packet's source): rows are final; the union is the answer. */
        POINT_LOCAL,
        /** A key is seen at many points: partial aggregates are merged per window and key, then finished. */
        MERGE,
        /** Not split: the whole query runs at the controller over every point's packets. */
        CENTRAL
    }

    private final String query;
    private final Mode mode;
    private final ObservationPoint point;
    private final LogicalPlan local;
    private final LogicalPlan global;
    private final String partialStream;
    private final List<String> notes;
    private final boolean sumsSketches;
    private final List<String> localReads;

    public DistributedPlan(String query, Mode mode, ObservationPoint point, LogicalPlan local, LogicalPlan global,
            String partialStream, List<String> notes) {
        this(query, mode, point, local, global, partialStream, notes, false, List.of());
    }

    /**
     * @param sumsSketches the points' rows of a window are one count-min sketch each, added cell by cell into
     *     one row before the global stage reads it
     * @param localReads the other queries whose output the local stage reads: each point runs them too
     */
    public DistributedPlan(String query, Mode mode, ObservationPoint point, LogicalPlan local, LogicalPlan global,
            String partialStream, List<String> notes, boolean sumsSketches, List<String> localReads) {
        this.query = query;
        this.mode = mode;
        this.point = point;
        this.local = local;
        this.global = global;
        this.partialStream = partialStream;
        this.notes = List.copyOf(notes);
        this.sumsSketches = sumsSketches;
        this.localReads = List.copyOf(localReads);
    }

    public String query() {
        return query;
    }

    public Mode mode() {
        return mode;
    }

    public ObservationPoint point() {
        return point;
    }

    /** What each observation point runs; for {@link Mode#CENTRAL}, the packets' forwarding (a scan). */
    public LogicalPlan local() {
        return local;
    }

    /** What the controller runs over {@link #partialStream()}. */
    public LogicalPlan global() {
        return global;
    }

    /** The name of the stream of the points' rows, as the global plan reads it. */
    public String partialStream() {
        return partialStream;
    }

    /**
     * True when each point sends its window's count-min sketch (one row: total, shape, bound, top keys, the
     * sketch) and the controller adds the points' sketches cell by cell into one such row per window, with
     * the top keys of every point estimated against the sum, before the global stage reads it.
     */
    public boolean sumsSketches() {
        return sumsSketches;
    }

    /** Other queries whose output the local stage reads (a join at the point): every point runs them first. */
    public List<String> localReads() {
        return localReads;
    }

    /** Why the plan was split the way it was. */
    public List<String> notes() {
        return notes;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("distributed plan of ").append(query).append(": ").append(mode.name().toLowerCase().replace('_', '-'))
                .append('\n');
        b.append("  observation points: ").append(point.description()).append('\n');
        for (String n : notes) {
            b.append("  note: ").append(n).append('\n');
        }
        if (sumsSketches) {
            b.append("  rows of a window: the points' sketches added cell by cell into one\n");
        }
        if (!localReads.isEmpty()) {
            b.append("  every point runs first: ").append(String.join(", ", localReads)).append('\n');
        }
        b.append("  local stage (every point):\n").append(local.toString().replaceAll("(?m)^", "    "));
        b.append("  global stage (controller, reading ").append(partialStream).append("):\n")
                .append(global.toString().replaceAll("(?m)^", "    "));
        return b.toString();
    }
}
