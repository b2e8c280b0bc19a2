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
import org.intstream.query.plan.DistinctNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.PlanRewriter;
import org.intstream.query.plan.ProjectNode;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;

/**
 * Splits a query (parameters bound) into the local stage every observation point runs and the global stage
 * the controller runs over their rows (DESIGN.md, "Placement"). The split point is the first aggregate over
 * a tumbling window of packets:
 * <ul>
 *   <li>when its key contains the packet's source (for connection analyses: the connection's four-tuple or
 *   client), every packet of a key passes one point, so the point's rows are final: the whole query runs
 *   locally (thresholds included, so only the answer crosses the network) and the controller unions the rows
 *   ({@link DistributedPlan.Mode#POINT_LOCAL});</li>
 *   <li>otherwise each aggregate becomes mergeable partials per window and key ({@code count} and
 *   {@code sum} add up, {@code min}/{@code max} keep theirs, {@code avg} travels as sum and count,
 *   {@code count_distinct} as the distinct tuples, a {@code map | distinct} as its tuples) and the
 *   controller merges them and runs the rest of the query: network-wide thresholds
 *   ({@link DistributedPlan.Mode#MERGE});</li>
 *   <li>a query with no such aggregate, or one whose aggregates can't be merged exactly ({@code collect},
 *   {@code percentile} over keys seen at many points), runs centrally
 *   ({@link DistributedPlan.Mode#CENTRAL}), with the reason in the notes.</li>
 * </ul>
 */
public final class PlanSplitter {
    private static final Set<String> ADDITIVE = Set.of("count", "countif", "sum");

    private PlanSplitter() {
    }

    public static DistributedPlan split(String query, LogicalPlan plan) {
        ObservationPoint point = usesConnectionState(plan) ? ObservationPoint.CONNECTION_ENDPOINT
                : ObservationPoint.PACKET_ONCE;
        String partials = query + ".partials";
        List<AggregateNode> found = new ArrayList<>();
        findSplitAggregates(plan, found);
        if (found.size() != 1) {
            return central(query, plan, point, partials, found.isEmpty()
                    ? "no aggregate over a tumbling window of packets to split at"
                    : "several windowed aggregates (" + found.size() + " branches): the split runs them centrally");
        }
        AggregateNode agg = found.get(0);
        WindowNode window = windowBelow(agg);
        List<String> notes = new ArrayList<>();
        boolean pinned = keysPinPoint(agg.keys(), point);
        if (pinned && onlyRowWiseAbove(plan, agg)) {
            notes.add("the key " + keyText(agg) + " is seen at one point only: each point's rows are final and "
                    + "its filters run there, so only answers cross the network");
            LogicalPlan global = new StreamNode(new WindowNode(new ScanNode(partials, null, null), window.spec(), null),
                    StreamNode.Kind.RSTREAM, null);
            return new DistributedPlan(query, DistributedPlan.Mode.POINT_LOCAL, point, plan, global, partials, notes);
        }

        LogicalPlan local;
        LogicalPlan merged;
        LogicalPlan partialScan = new WindowNode(new ScanNode(partials, null, null), window.spec(), null);
        if (agg.input() instanceof DistinctNode) {
            // The distinct tuples cross; the controller takes their union and aggregates it as the query does.
            local = new StreamNode(agg.input(), StreamNode.Kind.RSTREAM, null);
            merged = agg.withInput(new DistinctNode(partialScan, null, null));
            notes.add("the distinct tuples of each window cross the network; the controller counts their union");
        } else {
            Partials p = new Partials(pinned);
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
            local = new StreamNode(new AggregateNode(agg.input(), localKeys, p.local, List.of(), agg.position()),
                    StreamNode.Kind.RSTREAM, null);
            List<NamedExpr> globalKeys = new ArrayList<>();
            for (NamedExpr k : agg.keys()) {
                globalKeys.add(new NamedExpr(k.name(), new FieldRef(k.name(), null), null));
            }
            merged = new ProjectNode(new AggregateNode(partialScan, globalKeys, p.global, agg.approx(), agg.position()),
                    finals, null);
            notes.add("partial aggregates per window and key cross the network; the controller merges them "
                    + (pinned ? "(each key from one point)" : "and applies the rest network-wide"));
            if (!p.extraKeys.isEmpty()) {
                notes.add("count_distinct travels as its distinct tuples");
            }
        }
        LogicalPlan global = replace(plan, agg, merged);
        return new DistributedPlan(query, pinned ? DistributedPlan.Mode.POINT_LOCAL : DistributedPlan.Mode.MERGE,
                point, local, global, partials, notes);
    }

    private static DistributedPlan central(String query, LogicalPlan plan, ObservationPoint point, String partials,
            String why) {
        // Every point forwards its packets' records; the controller runs the query as written.
        LogicalPlan forward = new StreamNode(ScanNode.packets(), StreamNode.Kind.ISTREAM, null);
        return new DistributedPlan(query, DistributedPlan.Mode.CENTRAL, point, forward, plan, partials,
                List.of("runs centrally: " + why));
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
        LogicalPlan p = agg.input();
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
        return below instanceof ScanNode && ((ScanNode) below).isPackets() ? (WindowNode) p : null;
    }

    /** From the root down to the aggregate: only filters, maps and the output operator. */
    private static boolean onlyRowWiseAbove(LogicalPlan plan, AggregateNode agg) {
        LogicalPlan p = plan;
        while (p != agg) {
            if (!(p instanceof StreamNode || p instanceof FilterNode || p instanceof ProjectNode)) {
                return false;
            }
            p = p.input();
        }
        return true;
    }

    private static boolean keysPinPoint(List<NamedExpr> keys, ObservationPoint point) {
        Set<String> fields = new TreeSet<>();
        for (NamedExpr k : keys) {
            if (k.expr() instanceof FieldRef) {
                fields.add(((FieldRef) k.expr()).name());
            }
        }
        if (point == ObservationPoint.PACKET_ONCE) {
            return fields.contains("ip.src");
        }
        return fields.contains("tcp.conn.client")
                || fields.containsAll(List.of("ip.src", "ip.dst", "l4.sport", "l4.dport"));
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
        final boolean pinned;
        final List<NamedExpr> local = new ArrayList<>();
        final List<NamedExpr> global = new ArrayList<>();
        final List<NamedExpr> extraKeys = new ArrayList<>();
        private final Map<String, Integer> used = new LinkedHashMap<>();

        Partials(boolean pinned) {
            this.pinned = pinned;
        }

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
            if (pinned) {
                // One point holds every packet of the key: its value is the answer.
                String col = column(name);
                local.add(new NamedExpr(col, c, null));
                global.add(new NamedExpr(col, CallExpr.of("any", new FieldRef(col, null)), null));
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
