package org.intstream.engine.eval;

import org.intstream.engine.record.Record;
import org.intstream.query.type.Type;

/** {@code x is present} and {@code x is absent}: never unknown. */
public final class PresenceEvaluator extends Evaluator {
    private final Evaluator operand;
    private final boolean wantPresent;

    public PresenceEvaluator(Evaluator operand, boolean wantPresent) {
        super(Type.BOOL);
        this.operand = operand;
        this.wantPresent = wantPresent;
    }

    @Override
    public int test(Record r) {
        boolean present;
        Type t = operand.type();
        if (t.equals(Type.BOOL)) {
            present = operand.test(r) != UNKNOWN;
        } else if (ComparisonEvaluator.isLongLike(t) || t.equals(Type.IP)) {
            boolean saved = r.absent;
            r.absent = false;
            if (t.equals(Type.IP)) {
                operand.ip4(r);
            } else {
                operand.evalLong(r);
            }
            present = !r.absent;
            r.absent = saved;
        } else {
            present = operand.eval(r) != null;
        }
        return present == wantPresent ? TRUE : FALSE;
    }

    @Override
    public long evalLong(Record r) {
        return test(r);
    }

    @Override
    public Object eval(Record r) {
        return test(r) == TRUE;
    }
}
