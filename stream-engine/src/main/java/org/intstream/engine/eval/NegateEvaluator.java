package org.intstream.engine.eval;

import org.intstream.engine.record.Record;

/** {@code -x}. */
public final class NegateEvaluator extends Evaluator {
    private final Evaluator operand;

    public NegateEvaluator(Evaluator operand) {
        super(operand.type());
        this.operand = operand;
    }

    @Override
    public long evalLong(Record r) {
        return -operand.evalLong(r);
    }

    @Override
    public double evalDouble(Record r) {
        return -operand.evalDouble(r);
    }

    @Override
    public Object eval(Record r) {
        Object v = operand.eval(r);
        if (v == null) {
            return null;
        }
        return v instanceof Double ? (Object) (-(Double) v) : (Object) (-(Long) v);
    }
}
