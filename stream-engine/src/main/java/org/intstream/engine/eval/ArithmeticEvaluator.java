package org.intstream.engine.eval;

import org.intstream.engine.record.Record;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.type.Type;

/**
 * Arithmetic and bit operators. Integer results wrap like Java longs; division or modulo by zero is absent
 * (as in SQLite), and so is a shift by a negative or too large amount.
 */
public final class ArithmeticEvaluator extends Evaluator {
    private final BinaryOperator op;
    private final Evaluator left;
    private final Evaluator right;
    private final boolean floating;

    public ArithmeticEvaluator(BinaryOperator op, Evaluator left, Evaluator right, Type result) {
        super(result);
        this.op = op;
        this.left = left;
        this.right = right;
        this.floating = result.equals(Type.FLOAT);
    }

    @Override
    public long evalLong(Record r) {
        if (floating) {
            return (long) evalDouble(r);
        }
        long a = left.evalLong(r);
        long b = right.evalLong(r);
        switch (op) {
            case ADD: return a + b;
            case SUBTRACT: return a - b;
            case MULTIPLY: return a * b;
            case INT_DIVIDE:
                if (b == 0) {
                    r.absent = true;
                    return 0;
                }
                return Math.floorDiv(a, b);
            case MODULO:
                if (b == 0) {
                    r.absent = true;
                    return 0;
                }
                return Math.floorMod(a, b);
            case BIT_AND: return a & b;
            case BIT_XOR: return a ^ b;
            case SHIFT_LEFT:
            case SHIFT_RIGHT:
                if (b < 0 || b > 63) {
                    r.absent = true;
                    return 0;
                }
                return op == BinaryOperator.SHIFT_LEFT ? a << b : a >>> b;
            default:
                throw new IllegalStateException("not an integer operator: " + op);
        }
    }

    @Override
    public double evalDouble(Record r) {
        if (!floating) {
            return evalLong(r);
        }
        double a = left.evalDouble(r);
        double b = right.evalDouble(r);
        switch (op) {
            case ADD: return a + b;
            case SUBTRACT: return a - b;
            case MULTIPLY: return a * b;
            case DIVIDE:
                if (b == 0) {
                    r.absent = true;
                    return 0;
                }
                return a / b;
            default:
                throw new IllegalStateException("not a floating operator: " + op);
        }
    }

    @Override
    public Object eval(Record r) {
        boolean saved = r.absent;
        r.absent = false;
        Object result = floating ? (Object) evalDouble(r) : (Object) evalLong(r);
        boolean absent = r.absent;
        r.absent = saved;
        return absent ? null : result;
    }
}
