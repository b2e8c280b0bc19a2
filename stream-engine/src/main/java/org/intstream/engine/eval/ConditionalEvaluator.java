package org.intstream.engine.eval;

import org.intstream.engine.record.Record;

/** {@code if(cond, a [, b])}: typed pass-through of the chosen branch, absent when there is none. */
public final class ConditionalEvaluator extends Evaluator {
    private final Evaluator condition;
    private final Evaluator then;
    private final Evaluator otherwise;

    public ConditionalEvaluator(Evaluator condition, Evaluator then, Evaluator otherwise) {
        super(then.type());
        this.condition = condition;
        this.then = then;
        this.otherwise = otherwise;
    }

    /** True for {@code if(c, x)} without an else: absent when the condition does not hold. */
    public boolean absentOtherwise() {
        return otherwise == null;
    }

    private Evaluator choose(Record r) {
        return condition.test(r) == TRUE ? then : otherwise;
    }

    @Override
    public Object eval(Record r) {
        Evaluator e = choose(r);
        return e == null ? null : e.eval(r);
    }

    @Override
    public long evalLong(Record r) {
        Evaluator e = choose(r);
        if (e == null) {
            r.absent = true;
            return 0;
        }
        return e.evalLong(r);
    }

    @Override
    public double evalDouble(Record r) {
        Evaluator e = choose(r);
        if (e == null) {
            r.absent = true;
            return 0;
        }
        return e.evalDouble(r);
    }

    @Override
    public int test(Record r) {
        Evaluator e = choose(r);
        return e == null ? UNKNOWN : e.test(r);
    }

    @Override
    public long ip4(Record r) {
        Evaluator e = choose(r);
        if (e == null) {
            r.absent = true;
            return 0;
        }
        return e.ip4(r);
    }
}
