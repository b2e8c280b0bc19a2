package org.intstream.agent.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.record.RowTypes;
import org.intstream.proto.agent.Install;
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.PlanSplitter;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.DistinctNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.Schema;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;
import org.intstream.engine.eval.ExprCompiler;

/**
 * Merges several points' partial rows of one query and window into the rows one point would have sent for
 * all their packets, so that a parent forwards one partial for its subtree and the controller's global stage
 * gives the same answer as over every point's rows:
 * <ul>
 *   <li>point-local queries (each key seen at one point): the rows' union;</li>
 *   <li>distinct tuples (the global stage aggregates their distinct union): the union without duplicates;</li>
 *   <li>mergeable aggregates: one row per key, each partial column merged as the global stage merges it
 *   ({@code sum} of counts and sums, {@code min}, {@code max}, {@code any}); every other column (the
 *   distinct tuples of a {@code count_distinct}, a row count the global stage ignores) is part of the key,
 *   which is always exact.</li>
 * </ul>
 * Thresholds and everything else above the merge stay at the controller. Immutable.
 */
final class PartialCombiner {
    private enum Merge { KEY, SUM, MIN, MAX, ANY }

    private final String query;
    private final long windowMicros;
    private final Schema schema;
    private final boolean union;
    private final boolean distinct;
    private final Merge[] merges;

    private PartialCombiner(String query, long windowMicros, Schema schema, boolean union, boolean distinct,
            Merge[] merges) {
        this.query = query;
        this.windowMicros = windowMicros;
        this.schema = schema;
        this.union = union;
        this.distinct = distinct;
        this.merges = merges;
    }

    /**
     * The combiner of an installed query, split as its install says.
     *
     * @throws QueryException when the install's text is not one query with a local stage
     */
    static PartialCombiner of(Install in) {
        List<QueryDefinition> defs = DslParser.parse(in.getDsl());
        if (defs.size() != 1) {
            throw new QueryException(null, "install of '" + in.getQuery() + "' must carry one query, it has " + defs.size());
        }
        QueryDefinition q = defs.get(0);
        PlanSplitter.Sides sides = in.getSides().isEmpty() ? PlanSplitter.Sides.SENDER
                : PlanSplitter.Sides.valueOf(in.getSides());
        DistributedPlan plan = PlanSplitter.split(in.getQuery(), ParameterBinder.bind(q, in.getParametersMap()), sides);
        if (plan.mode() == DistributedPlan.Mode.CENTRAL) {
            throw new QueryException(null, "'" + in.getQuery() + "' has no local stage: " + String.join("; ", plan.notes()));
        }
        Engine local = new Engine(FunctionRegistry.builtins());
        local.register(new QueryDefinition(in.getQuery(), List.of(), plan.local(), q.description()), Map.of());
        Schema partials = local.outputs().get(in.getQuery());
        List<String> columns = partials.names();
        long window = windowMicros(plan.local());
        Merge[] merges = new Merge[columns.size()];
        Arrays.fill(merges, Merge.KEY);
        if (plan.mode() == DistributedPlan.Mode.POINT_LOCAL) {
            return new PartialCombiner(in.getQuery(), window, partials, true, false, merges);
        }
        AggregateNode merge = mergeAggregate(plan);
        if (merge == null) {
            // Not a shape this class knows: the union is never wrong, only larger.
            return new PartialCombiner(in.getQuery(), window, partials, true, false, merges);
        }
        if (merge.input() instanceof DistinctNode) {
            return new PartialCombiner(in.getQuery(), window, partials, false, true, merges);
        }
        for (NamedExpr a : merge.aggregates()) {
            int at = columns.indexOf(a.name());
            Merge how = mergeOf(a.expr());
            if (at >= 0 && how != null && ((FieldRef) ((CallExpr) a.expr()).arguments().get(0)).name().equals(a.name())) {
                merges[at] = how;
            }
        }
        return new PartialCombiner(in.getQuery(), window, partials, false, false, merges);
    }

    /** The global stage's aggregate over the partial stream (through a distinct), or null. */
    private static AggregateNode mergeAggregate(DistributedPlan plan) {
        for (LogicalPlan node : PlanKinds.postOrder(plan.global())) {
            if (node instanceof AggregateNode agg) {
                LogicalPlan in = agg.input() instanceof DistinctNode ? agg.input().input() : agg.input();
                if (in instanceof WindowNode && in.input() instanceof ScanNode scan
                        && scan.stream().equals(plan.partialStream())) {
                    return agg;
                }
            }
        }
        return null;
    }

    private static long windowMicros(LogicalPlan local) {
        for (LogicalPlan node : PlanKinds.postOrder(local)) {
            if (node instanceof WindowNode w && w.spec().kind() == WindowSpec.Kind.TUMBLING) {
                return (Long) ExprCompiler.constant(w.spec().size(), FunctionRegistry.builtins());
            }
        }
        throw new IllegalStateException("a split local stage has a tumbling window: " + local);
    }

    private static Merge mergeOf(Expr e) {
        if (!(e instanceof CallExpr c) || c.arguments().size() != 1 || !(c.arguments().get(0) instanceof FieldRef)) {
            return null;
        }
        switch (c.function()) {
            case "sum":
                return Merge.SUM;
            case "min":
                return Merge.MIN;
            case "max":
                return Merge.MAX;
            case "any":
                return Merge.ANY;
            default:
                return null;
        }
    }

    String query() {
        return query;
    }

    /** The tumbling window the partials are cut by, in microseconds. */
    long windowMicros() {
        return windowMicros;
    }

    /** The number of columns every partial row has. */
    int width() {
        return schema.size();
    }

    /** Null when a partial row holds what its columns' types call for (so it merges), else what is wrong. */
    String mismatch(Object[] row) {
        return RowTypes.mismatch(schema, row);
    }

    /** One window's rows from several points, merged. */
    List<Object[]> combine(List<List<Object[]>> parts) {
        List<Object[]> out = new ArrayList<>();
        if (union) {
            parts.forEach(out::addAll);
            return out;
        }
        if (distinct) {
            Set<List<Object>> seen = new HashSet<>();
            for (List<Object[]> rows : parts) {
                for (Object[] row : rows) {
                    if (seen.add(Arrays.asList(row))) {
                        out.add(row);
                    }
                }
            }
            return out;
        }
        Map<List<Object>, Object[]> byKey = new LinkedHashMap<>();
        for (List<Object[]> rows : parts) {
            for (Object[] row : rows) {
                Object[] key = new Object[row.length];
                for (int i = 0; i < row.length; i++) {
                    key[i] = merges[i] == Merge.KEY ? row[i] : null;
                }
                Object[] merged = byKey.get(Arrays.asList(key));
                if (merged == null) {
                    byKey.put(Arrays.asList(key), row.clone());
                } else {
                    for (int i = 0; i < row.length; i++) {
                        merged[i] = merge(merges[i], merged[i], row[i]);
                    }
                }
            }
        }
        out.addAll(byKey.values());
        return out;
    }

    /** SQL's aggregates: nulls are skipped, and stay null only when every value is. */
    private static Object merge(Merge how, Object a, Object b) {
        if (how == Merge.KEY || b == null) {
            return a;
        }
        if (a == null) {
            return b;
        }
        switch (how) {
            case SUM:
                if (a instanceof Long x && b instanceof Long y) {
                    return x + y;
                }
                return ((Number) a).doubleValue() + ((Number) b).doubleValue();
            case MIN:
                return compare(a, b) <= 0 ? a : b;
            case MAX:
                return compare(a, b) >= 0 ? a : b;
            default:
                return a;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Long && b instanceof Long)) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return ((Comparable) a).compareTo(b);
    }
}
