package org.intstream.engine.cql;

import java.util.Arrays;
import java.util.List;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.type.Type;

/**
 * A scalar {@code (Select Count(*) From R Where R.x < outer.y)}: how many of a relation's (or window's) rows
 * rank below, at or above the row around it, as the top-k query's "more than 95% of the pairs carry less
 * traffic" asks. The compared values are sorted once per instant and each outer row costs a binary search
 * instead of a pass over the relation, turning the top-k's pairs² comparisons into pairs·log(pairs).
 */
final class RankedCount extends Evaluator {
    private final PlanEvaluator.RelOp source;
    private final Evaluator filter;
    private final Evaluator inner;
    private final Evaluator outer;
    /** The comparison as {@code inner op outer}. */
    private final BinaryOperator op;
    private final EnvRecord innerEnv;
    /** Integral values compare exactly as longs; anything else as doubles. */
    private final boolean integral;

    private List<Object[]> lastRows;
    private long lastInstant = Long.MIN_VALUE;
    private long[] sortedLongs = new long[0];
    private double[] sortedDoubles = new double[0];
    private int size;

    /**
     * @param filter the subquery's conditions on its own rows, or null
     * @param inner the compared expression over the subquery's rows
     * @param outer the compared expression over the rows around the subquery
     * @param op the comparison, inner on its left
     */
    RankedCount(Type count, PlanEvaluator.RelOp source, Evaluator filter, Evaluator inner, Evaluator outer,
            BinaryOperator op, EnvRecord innerEnv) {
        super(count);
        this.source = source;
        this.filter = filter;
        this.inner = inner;
        this.outer = outer;
        this.op = op;
        this.innerEnv = innerEnv;
        this.integral = isIntegral(inner.type()) && isIntegral(outer.type());
    }

    private static boolean isIntegral(Type t) {
        return t.kind() == Type.Kind.INT || t.kind() == Type.Kind.TIMESTAMP || t.kind() == Type.Kind.DURATION;
    }

    private void refresh(Record r) {
        Object[][] around = ((EnvRecord) r).rows;
        List<Object[]> rows = source.eval(around, r.time());
        if (rows == lastRows && r.time() == lastInstant) {
            return;
        }
        lastRows = rows;
        lastInstant = r.time();
        if (integral && sortedLongs.length < rows.size()) {
            sortedLongs = new long[rows.size()];
        } else if (!integral && sortedDoubles.length < rows.size()) {
            sortedDoubles = new double[rows.size()];
        }
        size = 0;
        for (Object[] row : rows) {
            innerEnv.at(row, r.time());
            if (filter != null && filter.test(innerEnv) != TRUE) {
                continue;
            }
            Object v = inner.eval(innerEnv);
            if (v == null) {
                continue; // compares as unknown with everything: never counted
            }
            if (integral) {
                sortedLongs[size++] = ((Number) v).longValue();
            } else {
                double d = ((Number) v).doubleValue();
                if (!Double.isNaN(d)) {
                    sortedDoubles[size++] = d;
                }
            }
        }
        if (integral) {
            Arrays.sort(sortedLongs, 0, size);
        } else {
            Arrays.sort(sortedDoubles, 0, size);
        }
    }

    @Override
    public Object eval(Record r) {
        refresh(r);
        Object v = outer.eval(r);
        if (v == null || (v instanceof Double && ((Double) v).isNaN())) {
            return 0L;
        }
        int below; // values < v
        int atOrBelow; // values <= v
        if (integral) {
            long x = ((Number) v).longValue();
            below = firstNotBelow(x);
            atOrBelow = x == Long.MAX_VALUE ? size : firstNotBelow(x + 1);
        } else {
            double x = ((Number) v).doubleValue();
            below = firstNotBelow(x, false);
            atOrBelow = firstNotBelow(x, true);
        }
        switch (op) {
            case LT: return (long) below;
            case LE: return (long) atOrBelow;
            case GT: return (long) (size - atOrBelow);
            case GE: return (long) (size - below);
            default: throw new IllegalStateException("not a ranking comparison: " + op);
        }
    }

    /** The number of sorted longs below x. */
    private int firstNotBelow(long x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedLongs[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of sorted doubles below x, or at or below it. */
    private int firstNotBelow(double x, boolean orEqual) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double m = sortedDoubles[mid];
            if (m < x || (orEqual && m == x)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
