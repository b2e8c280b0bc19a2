package org.intstream.engine.cql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.eval.Evaluator;
import org.intstream.query.plan.Schema;

/**
 * Keeps {@code count()} and {@code sum(x)} by group over a filtered window — or a global {@code count()} over
 * the equi-join of two filtered windows — up to date from what enters and leaves the windows, instead of
 * recomputing from all their rows at every instant. A join's count is the sum over join keys of the two
 * sides' counts, so each change costs one lookup.
 */
final class IncrementalAggregate implements PlanEvaluator.RelOp {

    /** One window feeding the aggregate: its filter and, for a join, its key. */
    static final class Side {
        final WindowState window;
        final Evaluator filter;
        final Evaluator[] key;
        final EnvRecord env;

        Side(WindowState window, Evaluator filter, Evaluator[] key, EnvRecord env) {
            this.window = window;
            this.filter = filter;
            this.key = key;
            this.env = env;
            window.trackDeltas();
        }

        boolean passes(Object[] row, long instant) {
            return filter == null || filter.test(env.at(row, instant)) == Evaluator.TRUE;
        }

        /** The row's key; for joins numbers are widened so that 80 joins 80.0. */
        List<Object> key(Object[] row, long instant, boolean widen) {
            Object[] k = new Object[key.length];
            env.at(row, instant);
            for (int i = 0; i < k.length; i++) {
                k[i] = key[i].eval(env);
                if (widen && k[i] instanceof Number && !(k[i] instanceof Double)) {
                    k[i] = ((Number) k[i]).doubleValue();
                }
            }
            return Arrays.asList(k);
        }
    }

    private final Side left;
    private final Side right;
    private final Evaluator[] sums;
    private final Schema schema;
    private final int keyCount;
    /** Group key values to [count, sum1, sum2, …, present1, present2, …] (single window). */
    private final Map<List<Object>, long[]> groups = new LinkedHashMap<>();
    /** Join key to the two sides' counts (join). */
    private final Map<List<Object>, long[]> joinCounts = new HashMap<>();
    private long joinTotal;
    private long lastInstant = Long.MIN_VALUE;
    private List<Object[]> result = List.of();

    /** Group by {@code side.key}, counting and summing {@code sums} over one window. */
    IncrementalAggregate(Side side, Evaluator[] sums, Schema schema) {
        this.left = side;
        this.right = null;
        this.sums = sums;
        this.schema = schema;
        this.keyCount = side.key.length;
    }

    /** A global count over the join of two windows on their keys. */
    IncrementalAggregate(Side left, Side right, Schema schema) {
        this.left = left;
        this.right = right;
        this.sums = new Evaluator[0];
        this.schema = schema;
        this.keyCount = 0;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public List<Object[]> eval(Object[][] outer, long instant) {
        if (instant == lastInstant) {
            return result;
        }
        lastInstant = instant;
        if (right == null) {
            left.window.drainDeltas(r -> group(r, instant, 1), r -> group(r, instant, -1));
            result = groupRows();
        } else {
            left.window.drainDeltas(r -> join(r, instant, 0, 1), r -> join(r, instant, 0, -1));
            right.window.drainDeltas(r -> join(r, instant, 1, 1), r -> join(r, instant, 1, -1));
            result = List.<Object[]>of(new Object[] {joinTotal});
        }
        return result;
    }

    private void group(Object[] row, long instant, int sign) {
        if (!left.passes(row, instant)) {
            return;
        }
        List<Object> k = left.key(row, instant, false);
        long[] acc = groups.computeIfAbsent(k, x -> new long[1 + 2 * sums.length]);
        acc[0] += sign;
        for (int i = 0; i < sums.length; i++) {
            left.env.at(row, instant);
            long v = sums[i].evalLong(left.env);
            if (!left.env.absent) {
                acc[1 + i] += sign * v;
                acc[1 + sums.length + i] += sign;
            }
        }
        if (acc[0] == 0) {
            groups.remove(k);
        }
    }

    private List<Object[]> groupRows() {
        List<Object[]> rows = new ArrayList<>(Math.max(1, groups.size()));
        if (groups.isEmpty() && keyCount == 0) {
            Object[] row = new Object[1 + sums.length];
            row[0] = 0L; // SQL: a global aggregate over nothing still has one row
            rows.add(reorder(row, new Object[0]));
            return rows;
        }
        for (Map.Entry<List<Object>, long[]> g : groups.entrySet()) {
            long[] acc = g.getValue();
            Object[] aggs = new Object[1 + sums.length];
            aggs[0] = acc[0];
            for (int i = 0; i < sums.length; i++) {
                aggs[1 + i] = acc[1 + sums.length + i] == 0 ? null : (Object) acc[1 + i];
            }
            rows.add(reorder(aggs, keyValues(g.getKey())));
        }
        return rows;
    }

    /** Key values as the rows carry them (numbers were widened to doubles for hashing). */
    private Object[] keyValues(List<Object> key) {
        return key.toArray();
    }

    /** Output row: keys, then the aggregates in the node's order ({@link #order}). */
    private Object[] reorder(Object[] aggs, Object[] keys) {
        Object[] row = new Object[keys.length + order.length];
        System.arraycopy(keys, 0, row, 0, keys.length);
        for (int i = 0; i < order.length; i++) {
            row[keys.length + i] = aggs[order[i]];
        }
        return row;
    }

    /** For each output aggregate: 0 for count(), 1 + i for the i-th sum. */
    private int[] order = {0};

    IncrementalAggregate withOrder(int[] aggregateOrder) {
        this.order = aggregateOrder.clone();
        return this;
    }

    private void join(Object[] row, long instant, int side, int sign) {
        Side s = side == 0 ? left : right;
        if (!s.passes(row, instant)) {
            return;
        }
        List<Object> k = s.key(row, instant, true);
        if (k.contains(null)) {
            return; // absent never equals absent
        }
        long[] c = joinCounts.computeIfAbsent(k, x -> new long[2]);
        joinTotal += sign * c[1 - side];
        c[side] += sign;
        if (c[0] == 0 && c[1] == 0) {
            joinCounts.remove(k);
        }
    }
}
