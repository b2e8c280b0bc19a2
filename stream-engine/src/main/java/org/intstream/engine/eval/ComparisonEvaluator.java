package org.intstream.engine.eval;

import org.intstream.engine.record.Record;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.function.Signatures;
import org.intstream.query.type.Type;

/**
 * {@code ==, !=, <, <=, >, >=}. Integers (and timestamps, durations, bools) compare as longs, anything with a
 * float as doubles, IPv4 addresses by their bits; other values through {@code Signatures.compareValues}.
 * An absent operand makes the result UNKNOWN.
 */
public final class ComparisonEvaluator extends Evaluator {
    private enum Domain { LONG, DOUBLE, IP, OBJECT }

    private final BinaryOperator op;
    private final Evaluator left;
    private final Evaluator right;
    private final Domain domain;

    public ComparisonEvaluator(BinaryOperator op, Evaluator left, Evaluator right) {
        super(Type.BOOL);
        this.op = op;
        this.left = left;
        this.right = right;
        Type l = left.type();
        Type r = right.type();
        if (l.equals(Type.FLOAT) || r.equals(Type.FLOAT)) {
            domain = Domain.DOUBLE;
        } else if (l.equals(Type.IP)) {
            domain = Domain.IP;
        } else if (isLongLike(l) && isLongLike(r)) {
            domain = Domain.LONG;
        } else {
            domain = Domain.OBJECT;
        }
    }

    static boolean isLongLike(Type t) {
        return t.equals(Type.INT) || t.equals(Type.BOOL) || t.equals(Type.TIMESTAMP) || t.equals(Type.DURATION);
    }

    @Override
    public int test(Record r) {
        boolean saved = r.absent;
        r.absent = false;
        int c;
        switch (domain) {
            case LONG: {
                long a = left.evalLong(r);
                long b = right.evalLong(r);
                c = Long.compare(a, b);
                break;
            }
            case DOUBLE: {
                double a = left.evalDouble(r);
                double b = right.evalDouble(r);
                c = Double.compare(a, b);
                break;
            }
            case IP: {
                long a = left.ip4(r);
                long b = right.ip4(r);
                if (!r.absent && (a < 0 || b < 0)) {
                    c = Signatures.compareValues(left.eval(r), right.eval(r));
                } else {
                    c = Long.compare(a, b);
                }
                break;
            }
            default: {
                Object a = left.eval(r);
                Object b = right.eval(r);
                if (a == null || b == null) {
                    r.absent = true;
                    c = 0;
                } else {
                    c = Signatures.compareValues(a, b);
                }
            }
        }
        boolean unknown = r.absent;
        r.absent = saved;
        if (unknown) {
            return UNKNOWN;
        }
        return holds(c) ? TRUE : FALSE;
    }

    private boolean holds(int c) {
        switch (op) {
            case EQ: return c == 0;
            case NE: return c != 0;
            case LT: return c < 0;
            case LE: return c <= 0;
            case GT: return c > 0;
            default: return c >= 0;
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
