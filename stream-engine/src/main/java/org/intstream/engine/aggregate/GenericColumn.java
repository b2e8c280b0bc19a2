package org.intstream.engine.aggregate;

import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;
import org.intstream.query.function.Accumulator;
import org.intstream.query.function.AggregateFunction;
import org.intstream.query.type.Type;

/** Any aggregate function through its {@link Accumulator}s: user-defined ones, collect, percentile, … */
public final class GenericColumn extends AggColumn {
    private final AggregateFunction function;
    private final Evaluator[] arguments;
    private final List<Type> argumentTypes;
    private final List<Accumulator> accumulators = new ArrayList<>();

    public GenericColumn(AggregateFunction function, Evaluator[] arguments) {
        this.function = function;
        this.arguments = arguments.clone();
        this.argumentTypes = new ArrayList<>();
        for (Evaluator a : arguments) {
            argumentTypes.add(a.type());
        }
    }

    @Override
    public void add(int id, Record r) {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i].eval(r);
            if (values[i] == null && !function.acceptsAbsent()) {
                return;
            }
        }
        accumulator(id).add(values);
    }

    private Accumulator accumulator(int id) {
        while (accumulators.size() <= id) {
            accumulators.add(null);
        }
        Accumulator a = accumulators.get(id);
        if (a == null) {
            a = function.newAccumulator(argumentTypes);
            accumulators.set(id, a);
        }
        return a;
    }

    @Override
    public void ensureCapacity(int capacity) {
        // accumulators are created on first use
    }

    @Override
    public Object result(int id) {
        return accumulator(id).result();
    }

    @Override
    public void clear(int size) {
        accumulators.clear();
    }
}
