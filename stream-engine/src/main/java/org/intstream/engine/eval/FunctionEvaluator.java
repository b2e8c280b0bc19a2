package org.intstream.engine.eval;

import java.util.List;
import org.intstream.engine.record.Record;
import org.intstream.query.function.ScalarFunction;
import org.intstream.query.type.Type;

/** Calls a scalar function (built-in or user-defined) with boxed arguments. */
public final class FunctionEvaluator extends Evaluator {
    private final ScalarFunction function;
    private final Evaluator[] arguments;

    public FunctionEvaluator(ScalarFunction function, List<Evaluator> arguments, Type result) {
        super(result);
        this.function = function;
        this.arguments = arguments.toArray(new Evaluator[0]);
    }

    @Override
    public Object eval(Record r) {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i].eval(r);
            if (values[i] == null && !function.acceptsAbsent()) {
                return null;
            }
        }
        return function.apply(values);
    }
}
