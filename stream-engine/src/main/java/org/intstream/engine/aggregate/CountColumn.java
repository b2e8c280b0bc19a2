package org.intstream.engine.aggregate;

import java.util.Arrays;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;
import org.intstream.query.type.Type;

/** {@code count()}, {@code count(x)} (x present) and {@code countif(cond)} (cond true). */
public final class CountColumn extends AggColumn {
    /** What is counted. */
    public enum Mode { ALL, PRESENT, TRUE }

    private final Mode mode;
    private final Evaluator argument;
    private long[] counts = new long[16];

    public CountColumn(Mode mode, Evaluator argument) {
        this.mode = mode;
        this.argument = argument;
    }

    @Override
    public void add(int id, Record r) {
        switch (mode) {
            case ALL:
                counts[id]++;
                return;
            case TRUE:
                if (argument.test(r) == Evaluator.TRUE) {
                    counts[id]++;
                }
                return;
            default:
                if (isPresent(argument, r)) {
                    counts[id]++;
                }
        }
    }

    static boolean isPresent(Evaluator e, Record r) {
        Type t = e.type();
        if (t.equals(Type.BOOL)) {
            return e.test(r) != Evaluator.UNKNOWN;
        }
        if (t.equals(Type.INT) || t.equals(Type.TIMESTAMP) || t.equals(Type.DURATION)) {
            r.absent = false;
            e.evalLong(r);
            boolean present = !r.absent;
            r.absent = false;
            return present;
        }
        return e.eval(r) != null;
    }

    /** Adds {@code n} to group {@code id} directly (used when re-counting distinct tuples). */
    public void addCount(int id, long n) {
        counts[id] += n;
    }

    @Override
    public boolean mayIgnore() {
        return mode == Mode.TRUE || mode == Mode.PRESENT && absentSometimes(argument);
    }

    @Override
    public boolean changes(Record r) {
        switch (mode) {
            case ALL:
                return true;
            case TRUE:
                return argument.test(r) == Evaluator.TRUE;
            default:
                return isPresent(argument, r);
        }
    }

    @Override
    public void ensureCapacity(int capacity) {
        if (capacity > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(capacity, counts.length * 2));
        }
    }

    @Override
    public Object result(int id) {
        return counts[id];
    }

    @Override
    public void clear(int size) {
        Arrays.fill(counts, 0, Math.min(size, counts.length), 0);
    }
}
