package org.intstream.engine.cql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;
import org.intstream.query.expr.SubqueryExpr;

/**
 * {@code [Not] Exists} and {@code [Not] In} over one filtered window, correlated through equalities
 * ({@code P1.srcIP = S.destIP}, or In's values against the selected columns): the window's rows that pass the
 * uncorrelated conditions are kept in a hash index on the compared columns, maintained from what enters and
 * leaves the window, so each outer row costs a lookup and the remaining conditions on its bucket only.
 */
final class IndexedSubquery extends Evaluator {
    private final SubqueryExpr expr;
    private final WindowState window;
    private final Evaluator insertFilter;
    private final Evaluator[] innerKeys;
    private final Evaluator[] outerKeys;
    private final Evaluator residual;
    private final EnvRecord innerEnv;
    private final Map<List<Object>, List<Object[]>> index = new HashMap<>();
    private long lastInstant = Long.MIN_VALUE;

    /**
     * @param insertFilter conditions on the window's rows alone, or null
     * @param innerKeys the compared expressions over the window's rows
     * @param outerKeys the values they must equal, over the record the subquery is evaluated for
     * @param residual conditions over the window row and the rows around it, or null
     * @param innerEnv a record laid out as the subquery's rows (the window row innermost)
     */
    IndexedSubquery(SubqueryExpr expr, WindowState window, Evaluator insertFilter, Evaluator[] innerKeys,
            Evaluator[] outerKeys, Evaluator residual, EnvRecord innerEnv) {
        super(org.intstream.query.type.Type.BOOL);
        this.expr = expr;
        this.window = window;
        this.insertFilter = insertFilter;
        this.innerKeys = innerKeys;
        this.outerKeys = outerKeys;
        this.residual = residual;
        this.innerEnv = innerEnv;
        window.trackDeltas();
    }

    private void refresh(long instant) {
        if (instant == lastInstant) {
            return;
        }
        lastInstant = instant;
        window.drainDeltas(r -> {
            List<Object> k = innerKey(r, instant);
            if (k != null) {
                index.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }, r -> {
            List<Object> k = innerKey(r, instant);
            if (k == null) {
                return;
            }
            List<Object[]> bucket = index.get(k);
            if (bucket != null) {
                for (int i = 0; i < bucket.size(); i++) {
                    if (bucket.get(i) == r) {
                        bucket.remove(i);
                        break;
                    }
                }
                if (bucket.isEmpty()) {
                    index.remove(k);
                }
            }
        });
    }

    private List<Object> innerKey(Object[] row, long instant) {
        innerEnv.at(row, instant);
        if (insertFilter != null && insertFilter.test(innerEnv) != TRUE) {
            return null;
        }
        Object[] k = new Object[innerKeys.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = widen(innerKeys[i].eval(innerEnv));
            if (k[i] == null) {
                return null; // absent never equals anything
            }
        }
        return Arrays.asList(k);
    }

    /**
     * One hashable form per numeric value, so that an int column equals a long or a whole double as
     * {@code =} says: whole numbers become exact Longs (no rounding through double), the rest stay Doubles.
     */
    private static Object widen(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            long l = (long) d;
            return l == d && l != Long.MAX_VALUE && l != Long.MIN_VALUE ? (Object) l : (Object) d;
        }
        return v instanceof Number ? (Object) ((Number) v).longValue() : v;
    }

    @Override
    public Object eval(Record r) {
        refresh(r.time());
        Object[] k = new Object[outerKeys.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = widen(outerKeys[i].eval(r));
            if (k[i] == null) {
                return expr.kind() == SubqueryExpr.Kind.IN ? null : expr.negated(); // In: unknown
            }
        }
        List<Object[]> bucket = index.getOrDefault(Arrays.asList(k), List.of());
        boolean found;
        if (residual == null) {
            found = !bucket.isEmpty();
        } else {
            found = false;
            EnvRecord env = (EnvRecord) r;
            System.arraycopy(env.rows, 0, innerEnv.rows, 0, env.rows.length);
            for (Object[] row : bucket) {
                if (residual.test(innerEnv.at(row, r.time())) == TRUE) {
                    found = true;
                    break;
                }
            }
        }
        return found != expr.negated();
    }

    @Override
    public int test(Record r) {
        Object v = eval(r);
        return v == null ? UNKNOWN : (Boolean) v ? TRUE : FALSE;
    }
}
