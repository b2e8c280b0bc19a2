package org.intstream.query.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.Schema;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.type.Type;

/**
 * The cost model of placement: bytes per window that cross into the global stage for each way of running a
 * query, from its split, its switch stage and a {@link TrafficProfile}.
 *
 * <ul>
 *   <li>central: every packet's 5-tuple and length (15 bytes) goes to the controller;</li>
 *   <li>agents: a point-local query sends its answer rows; a merged one each point's partial row per key it
 *       saw (a key split over several points is sent by each, at most all points per key); sketch partials
 *       their non-zero cells; plus one message header per point;</li>
 *   <li>switches: the slot's whole counter read once per epoch per switch (packets and bytes, 8 bytes each,
 *       per cell) and one report frame per answer key per switch that reports it.</li>
 * </ul>
 * Row sizes follow the partials' protobuf encoding (field tags, varints, four-byte IPv4 addresses).
 */
public final class PlacementCost {
    public static final int CENTRAL_TUPLE_BYTES = 15;
    /** A partial message's fixed fields: query name, version, sequence, window bounds, counters. */
    public static final int PARTIAL_HEADER_BYTES = 48;
    /** A report frame as the switch sends it to the controller (truncated clone plus packet-in framing). */
    public static final int REPORT_BYTES = 128;
    public static final int COUNTER_CELL_BYTES = 16;

    private PlacementCost() {
    }

    /**
     * Every option that can run the query, cheapest first.
     *
     * @param partials the schema of the local stage's rows, or null when unknown (the agents are not priced)
     * @param stage the query's switch stage, or null when it has none
     */
    public static List<PlacementOption> options(DistributedPlan plan, Schema partials, SwitchStage stage,
            TrafficProfile t) {
        List<PlacementOption> out = new ArrayList<>();
        out.add(new PlacementOption(PlacementOption.Where.CENTRAL, t.packets() * CENTRAL_TUPLE_BYTES, true,
                String.format("%,d packets x %d bytes", t.packets(), CENTRAL_TUPLE_BYTES)));
        if (plan.mode() != DistributedPlan.Mode.CENTRAL && partials != null) {
            long row = rowBytes(partials);
            long rows;
            String basis;
            if (plan.sumsSketches()) {
                rows = t.points();
                long cells = Math.min(t.keys(), 3L * 4096) * 3;
                row = cells * 4 + 16;
                basis = String.format("%d points x one sketch of <= %,d non-zero cells", t.points(), cells);
            } else if (plan.mode() == DistributedPlan.Mode.POINT_LOCAL) {
                rows = t.answers();
                basis = String.format("%,d answer rows x %d bytes", rows, row);
            } else {
                rows = Math.min(t.keys() * t.points(), t.packets());
                basis = String.format("<= %,d keys x %d points partial rows x %d bytes", t.keys(), t.points(), row);
            }
            out.add(new PlacementOption(PlacementOption.Where.AGENTS,
                    rows * row + (long) t.points() * PARTIAL_HEADER_BYTES, true,
                    basis + String.format(" + %d headers", t.points())));
        }
        if (stage != null) {
            long read = (long) IntStreamP4.SLOT_COUNTER_CELLS * COUNTER_CELL_BYTES * t.points();
            long reports = t.answers() * t.points() * REPORT_BYTES;
            out.add(new PlacementOption(PlacementOption.Where.SWITCHES, read + reports, false,
                    String.format("%d switches x %,d counter cells x %d bytes + <= %,d reports x %d bytes",
                            t.points(), IntStreamP4.SLOT_COUNTER_CELLS, COUNTER_CELL_BYTES, t.answers() * t.points(),
                            REPORT_BYTES)));
        }
        out.sort(Comparator.comparingLong(PlacementOption::bytesPerWindow));
        return out;
    }

    /** A partial row's encoded size: per value a tag and length, then the value. */
    static long rowBytes(Schema partials) {
        long bytes = 2;
        for (Column c : partials.columns()) {
            bytes += 2 + valueBytes(c.type());
        }
        return bytes;
    }

    private static long valueBytes(Type t) {
        switch (t.kind()) {
            case BOOL:
                return 1;
            case INT:
            case DURATION:
                return 4;
            case TIMESTAMP:
                return 8;
            case FLOAT:
                return 8;
            case IP:
                return 4;
            case PREFIX:
                return 5;
            case STRING:
                return 16;
            case LIST:
                return 32;
            case SKETCH:
                return 256;
            default:
                return 8;
        }
    }
}
