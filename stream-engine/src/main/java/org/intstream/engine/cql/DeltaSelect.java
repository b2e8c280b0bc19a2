package org.intstream.engine.cql;

import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.eval.Evaluator;
import org.intstream.query.plan.Schema;

/**
 * A select that keeps or drops each row of one window by that row alone ({@code Select Dstream(*) From
 * Packets [Range 2 Minute] P Where isSyn(P.flags)}): its Istream is what the filter keeps of the rows entering
 * the window, its Dstream what it keeps of the rows leaving, so a stream statement of this shape costs a
 * constant per tuple instead of re-evaluating and diffing the whole window at every instant.
 */
final class DeltaSelect implements PlanEvaluator.RelOp {
    private final WindowState window;
    private final Evaluator filter;
    private final Evaluator[] columns;
    private final EnvRecord env;
    private final Schema schema;

    /**
     * @param filter the condition on a window row, or null
     * @param columns the selected expressions over a window row, or null to pass rows as they are
     */
    DeltaSelect(WindowState window, Evaluator filter, Evaluator[] columns, EnvRecord env, Schema schema) {
        this.window = window;
        this.filter = filter;
        this.columns = columns;
        this.env = env;
        this.schema = schema;
        window.trackDeltas();
    }

    /** The selected form of a window row, or null when the filter drops it. */
    private Object[] select(Object[] row, long instant) {
        env.at(row, instant);
        if (filter != null && filter.test(env) != Evaluator.TRUE) {
            return null;
        }
        if (columns == null) {
            return row;
        }
        Object[] out = new Object[columns.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = columns[i].eval(env);
        }
        return out;
    }

    /** Adds what entered and what left the result since the last call. */
    void delta(long instant, List<Object[]> inserted, List<Object[]> removed) {
        window.drainDeltas(r -> {
            Object[] s = select(r, instant);
            if (s != null) {
                inserted.add(s);
            }
        }, r -> {
            Object[] s = select(r, instant);
            if (s != null) {
                removed.add(s);
            }
        });
    }

    /** The whole result (not used while the statement runs by deltas; kept for completeness of RelOp). */
    @Override
    public List<Object[]> eval(Object[][] outer, long instant) {
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : window.rows()) {
            Object[] s = select(r, instant);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public Schema schema() {
        return schema;
    }
}
