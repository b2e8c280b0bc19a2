package org.intstream.engine.eval;

import org.intstream.engine.record.Record;
import org.intstream.query.type.Type;

/** {@code and}, {@code or} and {@code not} in SQL's three-valued logic. */
public final class LogicEvaluator extends Evaluator {
    /** The connective. */
    public enum Kind { AND, OR, NOT }

    private final Kind kind;
    private final Evaluator left;
    private final Evaluator right;

    public LogicEvaluator(Kind kind, Evaluator left, Evaluator right) {
        super(Type.BOOL);
        this.kind = kind;
        this.left = left;
        this.right = right;
    }

    @Override
    public int test(Record r) {
        int a = left.test(r);
        switch (kind) {
            case NOT:
                return a == UNKNOWN ? UNKNOWN : 1 - a;
            case AND: {
                if (a == FALSE) {
                    return FALSE;
                }
                int b = right.test(r);
                if (b == FALSE) {
                    return FALSE;
                }
                return a == TRUE && b == TRUE ? TRUE : UNKNOWN;
            }
            default: {
                if (a == TRUE) {
                    return TRUE;
                }
                int b = right.test(r);
                if (b == TRUE) {
                    return TRUE;
                }
                return a == FALSE && b == FALSE ? FALSE : UNKNOWN;
            }
        }
    }

    @Override
    public long evalLong(Record r) {
        int t = test(r);
        if (t == UNKNOWN) {
            r.absent = true;
        }
        return t == TRUE ? 1 : 0;
    }

    @Override
    public Object eval(Record r) {
        int t = test(r);
        return t == UNKNOWN ? null : t == TRUE;
    }
}
