package org.intstream.query.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.query.QueryDefinition;
import org.intstream.query.ParameterBinder;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.ApproxSpec;
import org.intstream.query.plan.DistinctNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.ProjectNode;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;

/**
 * Finds the part of a query a switch slot can run. The slot's shape is fixed:
 * <pre>
 *   packets | filter … | window tumbling W [| map fields | distinct] | reduce AGG by key | filter AGG > N
 * </pre>
 * where the filter is made of equalities, prefixes, TCP flag tests and presence tests over the 5-tuple
 * and flags (any and/or/not of them that turns into ternary entries), the key and the distinct tuple are
 * 5-tuple fields or address prefixes ({@code mask(ip.src, 24)}), and AGG is {@code count()},
 * {@code sum(len)}, {@code countif(P)}, or {@code countif(P) - X} with X a count (the slot then counts
 * {@code countif(P)}, an upper bound, and reports candidates). Anything else is refused with the reason and
 * its position.
 */
public final class SwitchStageExtractor {
    /** The row width when the query does not ask for one: the switch's widest row. */
    public static final int DEFAULT_WIDTH = 1024;

    private SwitchStageExtractor() {
    }

    /** The switch stage of a query with its parameters (defaults, then overrides). */
    public static SwitchStage extract(QueryDefinition query, Map<String, String> params) {
        return extract(query.name(), ParameterBinder.bind(query, params));
    }

    /** The switch stage of a plan whose parameters are bound. */
    public static SwitchStage extract(String name, LogicalPlan plan) {
        LogicalPlan node = plan;
        if (node instanceof StreamNode && ((StreamNode) node).kind() == StreamNode.Kind.RSTREAM) {
            node = node.input(); // the windows' results as they close: what the switch's epochs give
        }
        Expr thresholdCondition = null;
        SourcePosition thresholdPosition = null;
        if (node instanceof FilterNode && node.input() instanceof AggregateNode) {
            thresholdCondition = ((FilterNode) node).condition();
            thresholdPosition = node.position();
            node = node.input();
        }
        if (!(node instanceof AggregateNode)) {
            throw refuse(node, "a switch slot ends with 'reduce count()/sum(len) by key' and an optional "
                    + "threshold filter; this query ends with " + describe(node));
        }
        AggregateNode aggregate = (AggregateNode) node;
        node = node.input();

        List<NamedExpr> projected = null;
        SourcePosition distinctPosition = null;
        if (node instanceof DistinctNode) {
            distinctPosition = node.position();
            node = node.input();
            if (!(node instanceof ProjectNode)) {
                throw refuse(node, "a switch slot's distinct stage reads 5-tuple fields chosen by 'map'; found "
                        + describe(node));
            }
            projected = ((ProjectNode) node).columns();
            node = node.input();
        }
        if (!(node instanceof WindowNode)) {
            throw refuse(node, "a switch slot counts over a tumbling window; found " + describe(node));
        }
        WindowSpec window = ((WindowNode) node).spec();
        if (window.kind() != WindowSpec.Kind.TUMBLING) {
            throw new NotSwitchPlaceableException(window.position(),
                    "a switch slot counts over tumbling windows; this window is " + window.kind().name().toLowerCase());
        }
        long windowMicros = durationMicros(window.size(), "window size");
        node = node.input();

        List<SwitchMatch> filter = List.of(SwitchMatch.ANY);
        while (node instanceof FilterNode) {
            filter = FilterTranslator.and(filter, FilterTranslator.translate(((FilterNode) node).condition()));
            node = node.input();
        }
        if (!(node instanceof ScanNode) || !((ScanNode) node).isPackets()) {
            throw refuse(node, "a switch slot reads packets directly; found " + describe(node));
        }

        // Key and distinct tuple.
        TupleMasks distinct = null;
        if (projected != null) {
            distinct = TupleMasks.NONE;
            for (NamedExpr c : projected) {
                distinct = distinct.union(KeyFields.masks(c.expr()));
            }
        }
        TupleMasks key = TupleMasks.NONE;
        List<String> keyColumns = new ArrayList<>();
        for (NamedExpr k : aggregate.keys()) {
            Expr e = resolve(k.expr(), projected);
            key = key.union(KeyFields.masks(e));
            keyColumns.add(k.name());
        }
        if (distinct != null && !distinct.union(key).equals(distinct)) {
            throw new NotSwitchPlaceableException(distinctPosition,
                    "the key " + key + " must be among the distinct fields " + distinct);
        }

        // The aggregate.
        if (aggregate.aggregates().size() != 1) {
            throw refuse(aggregate, "a switch slot computes one aggregate; this reduce computes "
                    + aggregate.aggregates().size());
        }
        NamedExpr agg = aggregate.aggregates().get(0);
        CountShape shape = CountShape.of(agg.expr(), distinct != null);
        if (shape.condition != null) {
            filter = FilterTranslator.and(filter, FilterTranslator.translate(shape.condition));
        }
        if (key.usesPorts() || (distinct != null && distinct.usesPorts())) {
            // Ports exist on TCP and UDP only; the switch reads zero elsewhere.
            filter = FilterTranslator.and(filter, FilterTranslator.tcpOrUdp());
        }
        if (filter.isEmpty()) {
            throw refuse(aggregate, "the filter admits no packet");
        }

        long threshold = SwitchStage.NO_THRESHOLD;
        if (thresholdCondition != null) {
            threshold = threshold(thresholdCondition, agg.name(), thresholdPosition);
        }
        return new SwitchStage(name, filter, key, distinct, shape.operation, threshold, windowMicros,
                width(aggregate), shape.candidate, keyColumns);
    }

    /** The count-min width the query asks for ({@code using countmin(width = …)}), else the default. */
    private static int width(AggregateNode aggregate) {
        for (ApproxSpec a : aggregate.approx()) {
            Expr w = a.argument("width");
            if (a.kind().equals("countmin") && w instanceof Literal && ((Literal) w).value() instanceof Long) {
                long n = (Long) ((Literal) w).value();
                return n > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) n;
            }
        }
        return DEFAULT_WIDTH;
    }

    /** A group key that names a mapped column stands for that column's expression. */
    private static Expr resolve(Expr e, List<NamedExpr> projected) {
        if (projected != null && e instanceof FieldRef) {
            for (NamedExpr c : projected) {
                if (c.name().equals(((FieldRef) e).name())) {
                    return c.expr();
                }
            }
        }
        return e;
    }

    private static long threshold(Expr condition, String column, SourcePosition position) {
        if (condition instanceof BinaryExpr) {
            BinaryExpr b = (BinaryExpr) condition;
            boolean columnLeft = isColumn(b.left(), column);
            boolean columnRight = isColumn(b.right(), column);
            Expr other = columnLeft ? b.right() : b.left();
            if ((columnLeft || columnRight) && other instanceof Literal && ((Literal) other).value() instanceof Long) {
                long n = (Long) ((Literal) other).value();
                BinaryOperator op = b.operator();
                if (columnRight) {
                    op = flip(op);
                }
                if (op == BinaryOperator.GT) {
                    return checkThreshold(n, position);
                }
                if (op == BinaryOperator.GE) {
                    return checkThreshold(n - 1, position);
                }
            }
        }
        throw new NotSwitchPlaceableException(position,
                "a switch slot's threshold is '" + column + " > N' (or >=) with a whole number N");
    }

    private static long checkThreshold(long n, SourcePosition position) {
        if (n < 0 || n >= SwitchStage.NO_THRESHOLD) {
            throw new NotSwitchPlaceableException(position,
                    "threshold " + n + " is outside the switch's 32-bit counters (0 to " + (SwitchStage.NO_THRESHOLD - 1) + ")");
        }
        return n;
    }

    private static BinaryOperator flip(BinaryOperator op) {
        switch (op) {
            case LT: return BinaryOperator.GT;
            case LE: return BinaryOperator.GE;
            case GT: return BinaryOperator.LT;
            case GE: return BinaryOperator.LE;
            default: return op;
        }
    }

    private static boolean isColumn(Expr e, String column) {
        return e instanceof FieldRef && ((FieldRef) e).name().equals(column);
    }

    static long durationMicros(Expr e, String what) {
        if (e instanceof Literal && ((Literal) e).value() instanceof Long) {
            return (Long) ((Literal) e).value();
        }
        throw new NotSwitchPlaceableException(e.position(), "the " + what + " must be a constant for a switch slot");
    }

    static NotSwitchPlaceableException refuse(LogicalPlan node, String reason) {
        return new NotSwitchPlaceableException(node.position(), reason);
    }

    private static String describe(LogicalPlan node) {
        String kind = node.getClass().getSimpleName().replace("Node", "").toLowerCase();
        return "'" + kind + "'";
    }

    /** What the slot counts for a reduce's aggregate. */
    private static final class CountShape {
        final SwitchStage.Operation operation;
        final Expr condition;
        final boolean candidate;

        CountShape(SwitchStage.Operation operation, Expr condition, boolean candidate) {
            this.operation = operation;
            this.condition = condition;
            this.candidate = candidate;
        }

        static CountShape of(Expr e, boolean afterDistinct) {
            if (e instanceof CallExpr) {
                CallExpr c = (CallExpr) e;
                String f = c.function();
                if (f.equals("count") && c.arguments().isEmpty()) {
                    return new CountShape(SwitchStage.Operation.PACKETS, null, false);
                }
                if (f.equals("countif") && c.arguments().size() == 1) {
                    return new CountShape(SwitchStage.Operation.PACKETS, c.arguments().get(0), false);
                }
                if (f.equals("sum") && c.arguments().size() == 1 && !afterDistinct
                        && c.arguments().get(0) instanceof FieldRef
                        && ((FieldRef) c.arguments().get(0)).name().equals("len")) {
                    return new CountShape(SwitchStage.Operation.BYTES, null, false);
                }
            }
            if (e instanceof BinaryExpr && ((BinaryExpr) e).operator() == BinaryOperator.SUBTRACT) {
                BinaryExpr b = (BinaryExpr) e;
                if (isCount(b.right())) {
                    // count - (a count) <= count: the slot reports every key the query could report.
                    CountShape left = of(b.left(), afterDistinct);
                    if (left.operation == SwitchStage.Operation.PACKETS) {
                        return new CountShape(left.operation, left.condition, true);
                    }
                }
            }
            throw new NotSwitchPlaceableException(e.position(), "a switch slot computes count(), countif(...), "
                    + "sum(len), or countif(...) minus a count; not " + org.intstream.query.expr.ExprPrinter.print(e));
        }

        private static boolean isCount(Expr e) {
            if (!(e instanceof CallExpr)) {
                return false;
            }
            String f = ((CallExpr) e).function();
            return f.equals("count") || f.equals("countif");
        }
    }

    /** The 5-tuple bits a key expression reads. */
    static final class KeyFields {
        private KeyFields() {
        }

        static TupleMasks masks(Expr e) {
            if (e instanceof FieldRef) {
                switch (((FieldRef) e).name()) {
                    case "ip.src": return new TupleMasks(-1, 0, 0, 0, 0);
                    case "ip.dst": return new TupleMasks(0, -1, 0, 0, 0);
                    case "ip.proto": return new TupleMasks(0, 0, 0xFF, 0, 0);
                    case "l4.sport": return new TupleMasks(0, 0, 0, 0xFFFF, 0);
                    case "l4.dport": return new TupleMasks(0, 0, 0, 0, 0xFFFF);
                    default: break;
                }
            }
            if (e instanceof CallExpr && ((CallExpr) e).function().equals("mask")) {
                CallExpr c = (CallExpr) e;
                Expr field = c.arguments().get(0);
                Expr bits = c.arguments().get(1);
                if (field instanceof FieldRef && bits instanceof Literal && ((Literal) bits).value() instanceof Long) {
                    long n = (Long) ((Literal) bits).value();
                    int m = n <= 0 ? 0 : n >= 32 ? -1 : (int) (0xFFFFFFFFL << (32 - n));
                    String name = ((FieldRef) field).name();
                    if (name.equals("ip.src")) {
                        return new TupleMasks(m, 0, 0, 0, 0);
                    }
                    if (name.equals("ip.dst")) {
                        return new TupleMasks(0, m, 0, 0, 0);
                    }
                }
            }
            throw new NotSwitchPlaceableException(e.position(), "a switch slot's key and distinct fields are "
                    + "ip.src, ip.dst, mask(ip.src|ip.dst, n), ip.proto, l4.sport and l4.dport; not "
                    + org.intstream.query.expr.ExprPrinter.print(e));
        }
    }
}
