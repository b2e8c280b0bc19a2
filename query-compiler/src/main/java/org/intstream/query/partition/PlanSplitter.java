package org.intstream.query.partition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprPrinter;
import org.intstream.query.expr.ExprRewriter;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.BranchInputNode;
import org.intstream.query.plan.DistinctNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.JoinNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.PlanRewriter;
import org.intstream.query.plan.ProjectNode;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.SketchNode;
import org.intstream.query.plan.SplitNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;

/**
 * Splits a query (parameters bound) into the local stage every observation point runs and the global stage
 * the controller runs over their rows (DESIGN.md, "Placement"). The split point is the first aggregate over
 * a tumbling window of packets. Observation is where packets enter the network (connection analyses: at the
 * client), or, with {@link Sides#BY_KEY}, chosen by the key: a key with the destination and not the source
 * is observed where packets leave the network, a key of servers at the server.
 * <ul>
 *   <li>when the chosen point sees every packet of a key, its rows are final: the aggregate and the filters
 *   and maps right above it (thresholds) run locally, so only answers cross the network, and the controller
 *   takes the union and runs the rest ({@link DistributedPlan.Mode#POINT_LOCAL});</li>
 *   <li>otherwise each aggregate becomes mergeable partials per window and key ({@code count} and
 *   {@code sum} add up, {@code min}/{@code max} keep theirs, {@code avg} travels as sum and count,
 *   {@code count_distinct} as the distinct tuples, a {@code map | distinct} as its tuples) and the
 *   controller merges them and runs the rest of the query: network-wide thresholds
 *   ({@link DistributedPlan.Mode#MERGE});</li>
 *   <li>a {@code sketch} over a tumbling window of packets runs at every point and the controller adds the
 *   points' count-min sketches cell by cell ({@link DistributedPlan#sumsSketches()}); a {@code split} whose
 *   branches count without keys sends every branch's counts in one row and the controller adds them up per
 *   branch (both {@link DistributedPlan.Mode#MERGE});</li>
 *   <li>a query with no such aggregate, or one whose aggregates can't be merged exactly ({@code collect},
 *   {@code percentile} over keys seen at many points), runs centrally
 *   ({@link DistributedPlan.Mode#CENTRAL}), with the reason in the notes.</li>
 * </ul>
 */
public final class PlanSplitter {
    private static final Set<String> ADDITIVE = Set.of("count", "countif", "sum");

    private PlanSplitter() {
    }

    /** Where the local stages may observe packets. */
    public enum Sides {
        /**
         * Where packets enter the network (the sending host, a switch's edge port) and, for connections, at the
         * client: what agents capturing their outgoing traffic provide.
         */
        SENDER,
        /**
         * Either side, chosen by the key: per destination at the receiving side too (so attack victims see
         * their attackers, and thresholds run locally); needs agents that capture incoming traffic.
         */
        BY_KEY
    }

    /** The split for observation points on the sending side ({@link Sides#SENDER}). */
    public static DistributedPlan split(String query, LogicalPlan plan) {
        return split(query, plan, Sides.SENDER);
    }

    /** The split when the other queries' plans are not known: a join with one's output runs at the controller. */
    public static DistributedPlan split(String query, LogicalPlan plan, Sides sides) {
        return split(query, plan, sides, Map.of());
    }

    /**
     * @param others the bound plans of other queries by name: a join with the output of one whose rows are
     *     final at the same point, on the columns that pin it there, runs at the point (both queries do)
     */
    public static DistributedPlan split(String query, LogicalPlan plan, Sides sides, Map<String, LogicalPlan> others) {
        boolean connections = usesConnectionState(plan);
        String partials = query + ".partials";
        SketchNode sketch = findSplitSketch(plan);
        if (sketch != null) {
            return splitSketch(query, plan, sketch, choosePoint(sketchKeyFields(sketch), connections, sides), partials);
        }
        if (plan instanceof SplitNode) {
            ObservationPoint point = connections ? ObservationPoint.CONNECTION_AT_CLIENT : ObservationPoint.PACKET_AT_SENDER;
            DistributedPlan branches = splitBranches(query, (SplitNode) plan, point, partials);
            if (branches != null) {
                return branches;
            }
        }
        List<AggregateNode> found = new ArrayList<>();
        findSplitAggregates(plan, found);
        if (found.size() != 1) {
            ObservationPoint point = connections ? ObservationPoint.CONNECTION_AT_CLIENT : ObservationPoint.PACKET_AT_SENDER;
            return central(query, plan, point, partials, found.isEmpty()
                    ? "no aggregate over a tumbling window of packets to split at"
                    : "several windowed aggregates (" + found.size() + " branches): the split runs them centrally");
        }
        AggregateNode agg = found.get(0);
        WindowNode window = windowBelow(agg);
        List<String> notes = new ArrayList<>();
        Set<String> keyFields = keyFields(agg);
        ObservationPoint point = choosePoint(keyFields, connections, sides);
        Pins pins = Pins.of(agg, point);
        LogicalPlan partialScan = new WindowNode(new ScanNode(partials, null, null), window.spec(), null);
        if (!pins.columns.isEmpty()) {
            // Rows are final where they are made: what sits above the aggregate runs there too as long as it
            // keeps the key that pins the point (filters such as thresholds, maps, coarser aggregates by it,
            // a join with another query's rows final at the same point on those columns).
            List<String> reads = new ArrayList<>();
            LogicalPlan top = localTop(plan, agg, pins, point, sides, others, reads);
            if (!reads.isEmpty()) {
                notes.add("the join with " + String.join(", ", reads) + " matches rows made at the same point: "
                        + "it runs there, so only joined answers cross the network");
            }
            if (top == plan || (plan instanceof StreamNode && top == plan.input())) {
                notes.add("the key " + keyText(agg) + " is seen at one point only: each point runs the whole query, "
                        + "so only answers cross the network");
                LogicalPlan local = top == plan ? plan : new StreamNode(top, StreamNode.Kind.RSTREAM, null);
                return new DistributedPlan(query, DistributedPlan.Mode.POINT_LOCAL, point, local,
                        new StreamNode(partialScan, StreamNode.Kind.RSTREAM, null), partials, notes, false, reads);
            }
            notes.add("the key " + keyText(agg) + " is seen at one point only: each point's rows are final; "
                    + "the controller takes their union and runs the rest");
            return new DistributedPlan(query, DistributedPlan.Mode.POINT_LOCAL, point,
                    new StreamNode(top, StreamNode.Kind.RSTREAM, null), replace(plan, top, partialScan), partials, notes,
                    false, reads);
        }

        LogicalPlan local;
        LogicalPlan merged;
        if (agg.input() instanceof DistinctNode) {
            // The distinct tuples cross; the controller takes their union and aggregates it as the query does.
            local = new StreamNode(agg.input(), StreamNode.Kind.RSTREAM, null);
            merged = agg.withInput(new DistinctNode(partialScan, null, null));
            notes.add("the distinct tuples of each window cross the network; the controller counts their union");
        } else {
            Partials p = new Partials();
            List<NamedExpr> finals = new ArrayList<>();
            for (NamedExpr k : agg.keys()) {
                finals.add(new NamedExpr(k.name(), new FieldRef(k.name(), null), null));
            }
            for (NamedExpr a : agg.aggregates()) {
                Expr fin;
                try {
                    fin = p.decompose(a.name(), a.expr());
                } catch (IllegalArgumentException e) {
                    return central(query, plan, point, partials, e.getMessage());
                }
                finals.add(new NamedExpr(a.name(), fin, a.position()));
            }
            List<NamedExpr> localKeys = new ArrayList<>(agg.keys());
            localKeys.addAll(p.extraKeys);
            if (p.local.isEmpty()) {
                // Only distinct tuples travel: a row per tuple is all the controller needs.
                p.local.add(new NamedExpr("__rows", CallExpr.of("count"), null));
            }
            LogicalPlan localAgg = new AggregateNode(agg.input(), localKeys, p.local, List.of(), agg.position());
            if (p.extraKeys.isEmpty() && ZeroCounts.conditionalCountsOnly(p.local)
                    && ZeroCounts.dropped(p.local, finals, ZeroCounts.above(plan, agg))) {
                localAgg = new FilterNode(localAgg, ZeroCounts.anyNonZero(p.local), null);
                notes.add("a key whose counts are all zero at a point is not sent: it adds nothing, and the rest "
                        + "of the query drops a key whose counts are zero everywhere");
            }
            local = new StreamNode(localAgg, StreamNode.Kind.RSTREAM, null);
            List<NamedExpr> globalKeys = new ArrayList<>();
            for (NamedExpr k : agg.keys()) {
                globalKeys.add(new NamedExpr(k.name(), new FieldRef(k.name(), null), null));
            }
            merged = new ProjectNode(new AggregateNode(partialScan, globalKeys, p.global, agg.approx(), agg.position()),
                    finals, null);
            notes.add("partial aggregates per window and key cross the network; the controller merges them "
                    + "and applies the rest network-wide");
            if (!p.extraKeys.isEmpty()) {
                notes.add("count_distinct travels as its distinct tuples");
            }
        }
        LogicalPlan global = replace(plan, agg, merged);
        return new DistributedPlan(query, DistributedPlan.Mode.MERGE, point, local, global, partials, notes);
    }

    /** A sketch over a tumbling window of packets, the query's only windowed operator; null otherwise. */
    private static SketchNode findSplitSketch(LogicalPlan plan) {
        SketchNode found = null;
        for (LogicalPlan node : PlanKinds.postOrder(plan)) {
            if (node instanceof AggregateNode || node instanceof SplitNode || node instanceof JoinNode) {
                return null;
            }
            if (node instanceof SketchNode && windowUnder(((SketchNode) node).input()) != null) {
                if (found != null) {
                    return null;
                }
                found = (SketchNode) node;
            }
        }
        return found;
    }

    /**
     * Count-min sketches of disjoint substreams with the same shape, hash rows and key fields add up cell by
     * cell to the sketch of the whole stream (DESIGN.md, "Placement"): each point sketches its packets of the
     * window, and the controller adds the sketches and estimates every point's top keys against the sum.
     */
    private static DistributedPlan splitSketch(String query, LogicalPlan plan, SketchNode sketch, ObservationPoint point,
            String partials) {
        WindowNode window = windowUnder(sketch.input());
        LogicalPlan partialScan = new WindowNode(new ScanNode(partials, null, null), window.spec(), null);
        List<String> notes = List.of("each point's count-min sketch of the window crosses the network as its "
                + "non-zero cells; the controller adds them cell by cell (each packet at one point) into the "
                + "sketch of the whole window and estimates every point's top keys against it");
        return new DistributedPlan(query, DistributedPlan.Mode.MERGE, point,
                new StreamNode(sketch, StreamNode.Kind.RSTREAM, null), replace(plan, sketch, partialScan), partials, notes,
                true, List.of());
    }

    private static Set<String> sketchKeyFields(SketchNode sketch) {
        Set<String> fields = new TreeSet<>();
        for (NamedExpr k : sketch.keys()) {
            if (k.expr() instanceof FieldRef) {
                fields.add(((FieldRef) k.expr()).name());
            }
        }
        return fields;
    }

    /**
     * A split of a tumbling window of packets whose branches count without keys ({@code filter | reduce
     * count(), countif(p)}): each point counts every branch's rows in one row per window ({@code countif}
     * of the branch's filters), and the controller runs the split over the points' rows, each branch adding
     * up its columns. Null when a branch is of another form (it runs centrally).
     */
    private static DistributedPlan splitBranches(String query, SplitNode split, ObservationPoint point, String partials) {
        WindowNode window = split.input() instanceof WindowNode ? windowUnder(split.input()) : null;
        if (window != split.input()) {
            return null;
        }
        List<NamedExpr> local = new ArrayList<>();
        List<SplitNode.Branch> merged = new ArrayList<>();
        for (SplitNode.Branch b : split.branches()) {
            LogicalPlan p = b.plan();
            StreamNode stream = p instanceof StreamNode ? (StreamNode) p : null;
            if (stream != null) {
                p = stream.input();
            }
            if (!(p instanceof AggregateNode) || !((AggregateNode) p).keys().isEmpty()
                    || !((AggregateNode) p).approx().isEmpty()) {
                return null;
            }
            AggregateNode agg = (AggregateNode) p;
            Expr branchFilter = null;
            LogicalPlan below = agg.input();
            while (below instanceof FilterNode) {
                branchFilter = and(((FilterNode) below).condition(), branchFilter);
                below = below.input();
            }
            if (!(below instanceof BranchInputNode)) {
                return null;
            }
            List<NamedExpr> sums = new ArrayList<>();
            for (NamedExpr a : agg.aggregates()) {
                if (!(a.expr() instanceof CallExpr)) {
                    return null;
                }
                CallExpr c = (CallExpr) a.expr();
                Expr counted;
                if (c.function().equals("count") && c.arguments().isEmpty()) {
                    counted = branchFilter;
                } else if (c.function().equals("countif") && c.arguments().size() == 1) {
                    counted = and(branchFilter, c.arguments().get(0));
                } else {
                    return null;
                }
                String column = b.name() + "__" + a.name();
                local.add(new NamedExpr(column, counted == null ? CallExpr.of("count") : CallExpr.of("countif", counted),
                        null));
                sums.add(new NamedExpr(a.name(), CallExpr.of("sum", new FieldRef(column, null)), a.position()));
            }
            LogicalPlan sum = new AggregateNode(new BranchInputNode(null), List.of(), sums, List.of(), agg.position());
            merged.add(new SplitNode.Branch(b.name(), stream == null ? sum : stream.withInput(sum)));
        }
        LogicalPlan partialScan = new WindowNode(new ScanNode(partials, null, null), window.spec(), null);
        List<String> notes = List.of("every branch's counts of the window cross the network in one row per point; "
                + "the controller adds them up and runs each branch over the sums");
        return new DistributedPlan(query, DistributedPlan.Mode.MERGE, point,
                new StreamNode(new AggregateNode(split.input(), List.of(), local, List.of(), split.position()),
                        StreamNode.Kind.RSTREAM, null),
                new SplitNode(partialScan, merged, split.position()), partials, notes);
    }

    private static Expr and(Expr a, Expr b) {
        return a == null ? b : b == null ? a : new BinaryExpr(BinaryOperator.AND, a, b, null);
    }

    private static DistributedPlan central(String query, LogicalPlan plan, ObservationPoint point, String partials,
            String why) {
        // Every point forwards its packets' (or its probes') records; the controller runs the query as written.
        LogicalPlan forward = new StreamNode(probeScan(plan) != null ? probeScan(plan) : ScanNode.packets(),
                StreamNode.Kind.ISTREAM, null);
        return new DistributedPlan(query, DistributedPlan.Mode.CENTRAL, point, forward, plan, partials,
                List.of("runs centrally: " + why));
    }

    /** The probe the plan reads, or null. */
    private static ScanNode probeScan(LogicalPlan plan) {
        for (LogicalPlan node : org.intstream.query.plan.PlanKinds.postOrder(plan)) {
            if (node instanceof ScanNode && ((ScanNode) node).isProbe()) {
                return (ScanNode) node;
            }
        }
        return null;
    }

    /** Aggregates whose input is (filter | map | distinct)* over a tumbling window over (filter)* over packets. */
    private static void findSplitAggregates(LogicalPlan plan, List<AggregateNode> found) {
        if (plan instanceof AggregateNode && windowBelow((AggregateNode) plan) != null) {
            found.add((AggregateNode) plan);
            return;
        }
        for (LogicalPlan in : plan.inputs()) {
            findSplitAggregates(in, found);
        }
    }

    private static WindowNode windowBelow(AggregateNode agg) {
        return windowUnder(agg.input());
    }

    /** The tumbling window under (filter | map | distinct)*, when it is over (filter)* over packets or a probe. */
    private static WindowNode windowUnder(LogicalPlan input) {
        LogicalPlan p = input;
        while (p instanceof FilterNode || p instanceof ProjectNode || p instanceof DistinctNode) {
            p = p.input();
        }
        if (!(p instanceof WindowNode) || ((WindowNode) p).spec().kind() != WindowSpec.Kind.TUMBLING) {
            return null;
        }
        LogicalPlan below = p.input();
        while (below instanceof FilterNode) {
            below = below.input();
        }
        // A probe's rows are made where it runs, like packets are seen there.
        return below instanceof ScanNode && (((ScanNode) below).isPackets() || ((ScanNode) below).isProbe())
                ? (WindowNode) p : null;
    }

    /**
     * The aggregate's output columns that carry what pins the observation point: the pinning field's
     * column, or all four columns of a connection's four-tuple ({@code all}); none when the key does not pin it.
     */
    private static final class Pins {
        final Set<String> columns;
        final boolean all;

        private Pins(Set<String> columns, boolean all) {
            this.columns = columns;
            this.all = all;
        }

        static Pins of(AggregateNode agg, ObservationPoint point) {
            Map<String, Expr> mapped = mappedBelow(agg);
            Map<String, String> fieldOfColumn = new LinkedHashMap<>();
            for (NamedExpr k : agg.keys()) {
                Expr e = resolve(k.expr(), mapped);
                if (e instanceof FieldRef) {
                    fieldOfColumn.put(k.name(), ((FieldRef) e).name());
                }
            }
            String single;
            switch (point) {
                case PACKET_AT_SENDER: single = "ip.src"; break;
                case PACKET_AT_RECEIVER: single = "ip.dst"; break;
                case CONNECTION_AT_CLIENT: single = "tcp.conn.client"; break;
                default: single = "tcp.conn.server"; break;
            }
            Set<String> columns = new TreeSet<>();
            fieldOfColumn.forEach((column, field) -> {
                if (field.equals(single)) {
                    columns.add(column);
                }
            });
            if (!columns.isEmpty() || !point.isConnection()) {
                return new Pins(columns, false);
            }
            List<String> tuple = List.of("ip.src", "ip.dst", "l4.sport", "l4.dport");
            fieldOfColumn.forEach((column, field) -> {
                if (tuple.contains(field)) {
                    columns.add(column);
                }
            });
            return columns.size() == tuple.size() ? new Pins(columns, true) : new Pins(Set.of(), false);
        }

        /** The pins after a map or an aggregate with these columns, or null when it drops them. */
        Pins through(List<NamedExpr> outputs) {
            Set<String> kept = new TreeSet<>();
            for (NamedExpr c : outputs) {
                if (c.expr() instanceof FieldRef && columns.contains(((FieldRef) c.expr()).name())) {
                    kept.add(c.name());
                }
            }
            return kept.isEmpty() || (all && kept.size() < columns.size()) ? null : new Pins(kept, all);
        }
    }

    private static Map<String, Expr> mappedBelow(AggregateNode agg) {
        Map<String, Expr> mapped = new LinkedHashMap<>();
        LogicalPlan below = agg.input();
        if (below instanceof DistinctNode && below.input() instanceof ProjectNode) {
            for (NamedExpr c : ((ProjectNode) below.input()).columns()) {
                mapped.put(c.name(), c.expr());
            }
        }
        return mapped;
    }

    private static Expr resolve(Expr e, Map<String, Expr> mapped) {
        return e instanceof FieldRef && mapped.containsKey(((FieldRef) e).name()) ? mapped.get(((FieldRef) e).name()) : e;
    }

    /**
     * The highest node above the aggregate that keeps the pinning columns: filters, maps that pass one of them
     * on by name, aggregates keyed by one of them (the aggregate itself if nothing above qualifies).
     */
    private static LogicalPlan localTop(LogicalPlan plan, AggregateNode agg, Pins pinned, ObservationPoint point,
            Sides sides, Map<String, LogicalPlan> others, List<String> reads) {
        List<LogicalPlan> path = new ArrayList<>();
        pathTo(plan, agg, path);
        LogicalPlan top = agg;
        Pins pins = pinned;
        for (int i = path.size() - 2; i >= 0; i--) {
            LogicalPlan p = path.get(i);
            if (p instanceof ProjectNode || p instanceof AggregateNode) {
                pins = pins.through(p instanceof ProjectNode ? ((ProjectNode) p).columns() : ((AggregateNode) p).keys());
                if (pins == null) {
                    break;
                }
            } else if (p instanceof JoinNode) {
                String other = joinedAtThePoint((JoinNode) p, top, pins, point, sides, others);
                if (other == null) {
                    break;
                }
                reads.add(other);
            } else if (!(p instanceof FilterNode)) {
                break;
            }
            top = p;
        }
        return top;
    }

    /**
     * The query whose output {@code join} reads, when each of its rows meets its partners at the point that
     * made them: the left side is what runs locally, the right side another query's output whose rows are
     * final at the same point and pinned by the same columns, and the join matches on all of those columns.
     * Null otherwise.
     */
    private static String joinedAtThePoint(JoinNode join, LogicalPlan left, Pins pins, ObservationPoint point,
            Sides sides, Map<String, LogicalPlan> others) {
        if (join.left() != left || join.type() == JoinNode.Type.CROSS || !(join.right() instanceof ScanNode)) {
            return null;
        }
        ScanNode right = (ScanNode) join.right();
        LogicalPlan otherPlan = right.isPackets() ? null : others.get(right.stream());
        if (otherPlan == null) {
            return null;
        }
        DistributedPlan other = split(right.stream(), otherPlan, sides);
        if (other.mode() != DistributedPlan.Mode.POINT_LOCAL || other.point() != point
                || !other.localReads().isEmpty() || !other.local().equals(otherPlan)) {
            return null;
        }
        Pins otherPins = finalPins(otherPlan, point);
        if (otherPins == null || otherPins.all != pins.all || !join.using().containsAll(pins.columns)) {
            return null;
        }
        // The right rows must be pinned by the very columns the join matches the left's pins with.
        Set<String> shared = new TreeSet<>(pins.columns);
        shared.retainAll(otherPins.columns);
        return (pins.all ? shared.equals(pins.columns) && shared.equals(otherPins.columns) : !shared.isEmpty())
                ? right.stream() : null;
    }

    /** The pins of a query's output when all of it runs at the point (its split aggregate, through its top). */
    private static Pins finalPins(LogicalPlan plan, ObservationPoint point) {
        List<AggregateNode> found = new ArrayList<>();
        findSplitAggregates(plan, found);
        if (found.size() != 1) {
            return null;
        }
        List<LogicalPlan> path = new ArrayList<>();
        pathTo(plan, found.get(0), path);
        Pins pins = Pins.of(found.get(0), point);
        for (int i = path.size() - 2; i >= 0 && pins != null && !pins.columns.isEmpty(); i--) {
            LogicalPlan p = path.get(i);
            if (p instanceof ProjectNode || p instanceof AggregateNode) {
                pins = pins.through(p instanceof ProjectNode ? ((ProjectNode) p).columns() : ((AggregateNode) p).keys());
            } else if (!(p instanceof FilterNode || p instanceof StreamNode)) {
                return null;
            }
        }
        return pins == null || pins.columns.isEmpty() ? null : pins;
    }

    /** Fills {@code path} with the nodes from {@code plan} down to {@code target}; false if it isn't below. */
    static boolean pathTo(LogicalPlan plan, LogicalPlan target, List<LogicalPlan> path) {
        path.add(plan);
        if (plan == target) {
            return true;
        }
        for (LogicalPlan in : plan.inputs()) {
            if (pathTo(in, target, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    /** The packet fields the aggregate's key reads directly (through a map below a distinct, too). */
    private static Set<String> keyFields(AggregateNode agg) {
        Map<String, Expr> mapped = mappedBelow(agg);
        Set<String> fields = new TreeSet<>();
        for (NamedExpr k : agg.keys()) {
            Expr e = resolve(k.expr(), mapped);
            if (e instanceof FieldRef) {
                fields.add(((FieldRef) e).name());
            }
        }
        return fields;
    }

    /** The side that sees every packet of a key at one point, when the key names one. */
    private static ObservationPoint choosePoint(Set<String> keys, boolean connections, Sides sides) {
        boolean receiver = sides == Sides.BY_KEY;
        if (connections) {
            return receiver && !keys.contains("tcp.conn.client") && keys.contains("tcp.conn.server")
                    ? ObservationPoint.CONNECTION_AT_SERVER : ObservationPoint.CONNECTION_AT_CLIENT;
        }
        return receiver && !keys.contains("ip.src") && keys.contains("ip.dst")
                ? ObservationPoint.PACKET_AT_RECEIVER : ObservationPoint.PACKET_AT_SENDER;
    }

    private static boolean usesConnectionState(LogicalPlan plan) {
        boolean[] uses = {false};
        PlanRewriter.mapExprs(plan, e -> {
            if (e instanceof FieldRef) {
                String n = ((FieldRef) e).name();
                if (n.startsWith("tcp.analysis.") || n.equals("tcp.rtt") || n.startsWith("tcp.conn.")) {
                    uses[0] = true;
                }
            }
            return e;
        });
        return uses[0];
    }

    private static String keyText(AggregateNode agg) {
        List<String> k = new ArrayList<>();
        for (NamedExpr n : agg.keys()) {
            k.add(ExprPrinter.print(n.expr()));
        }
        return "(" + String.join(", ", k) + ")";
    }

    /** The plan with one node replaced (identity comparison). */
    private static LogicalPlan replace(LogicalPlan plan, LogicalPlan target, LogicalPlan with) {
        if (plan == target) {
            return with;
        }
        List<LogicalPlan> inputs = new ArrayList<>();
        boolean changed = false;
        for (LogicalPlan in : plan.inputs()) {
            LogicalPlan r = replace(in, target, with);
            changed |= r != in;
            inputs.add(r);
        }
        return changed ? plan.withInputs(inputs) : plan;
    }

    /** Local partial columns, their global merges, and the final expression of each aggregate. */
    private static final class Partials {
        final List<NamedExpr> local = new ArrayList<>();
        final List<NamedExpr> global = new ArrayList<>();
        final List<NamedExpr> extraKeys = new ArrayList<>();
        private final Map<String, Integer> used = new LinkedHashMap<>();

        /** Registers the partials of an aggregate expression and returns its final form over merged columns. */
        Expr decompose(String name, Expr e) {
            return ExprRewriter.rewrite(e, x -> x instanceof CallExpr && isAggregate((CallExpr) x)
                    ? partial(name, (CallExpr) x) : x);
        }

        private Expr partial(String name, CallExpr c) {
            String f = c.function();
            if (ADDITIVE.contains(f)) {
                String col = column(name);
                local.add(new NamedExpr(col, c, null));
                global.add(new NamedExpr(col, CallExpr.of("sum", new FieldRef(col, null)), null));
                return new FieldRef(col, null);
            }
            if (f.equals("min") || f.equals("max") || f.equals("any")) {
                String col = column(name);
                local.add(new NamedExpr(col, c, null));
                global.add(new NamedExpr(col, CallExpr.of(f, new FieldRef(col, null)), null));
                return new FieldRef(col, null);
            }
            if (f.equals("avg")) {
                String sum = column(name + "__sum");
                String count = column(name + "__count");
                local.add(new NamedExpr(sum, CallExpr.of("sum", c.arguments().get(0)), null));
                local.add(new NamedExpr(count, CallExpr.of("count", c.arguments().get(0)), null));
                global.add(new NamedExpr(sum, CallExpr.of("sum", new FieldRef(sum, null)), null));
                global.add(new NamedExpr(count, CallExpr.of("sum", new FieldRef(count, null)), null));
                return new BinaryExpr(BinaryOperator.DIVIDE, new FieldRef(sum, null), new FieldRef(count, null), null);
            }
            if (f.equals("count_distinct")) {
                List<Expr> cols = new ArrayList<>();
                for (Expr arg : c.arguments()) {
                    String col = column(name + "__d");
                    extraKeys.add(new NamedExpr(col, arg, null));
                    cols.add(new FieldRef(col, null));
                }
                String col = column(name);
                global.add(new NamedExpr(col, new CallExpr("count_distinct", cols, null), null));
                return new FieldRef(col, null);
            }
            throw new IllegalArgumentException(f + "(...) over keys seen at many points can't be merged exactly");
        }

        private String column(String base) {
            int n = used.merge(base, 1, Integer::sum);
            return n == 1 ? base : base + "__" + n;
        }

        private static boolean isAggregate(CallExpr c) {
            switch (c.function()) {
                case "count":
                case "countif":
                case "count_distinct":
                case "sum":
                case "avg":
                case "min":
                case "max":
                case "collect":
                case "percentile":
                case "any":
                    return true;
                default:
                    return false;
            }
        }
    }

}
