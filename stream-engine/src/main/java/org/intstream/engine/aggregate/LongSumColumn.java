package org.intstream.engine.aggregate;

import java.util.Arrays;
import java.util.BitSet;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;

/** {@code sum(x)} over integers and durations; absent when no value was present. */
public final class LongSumColumn extends AggColumn {
    private final Evaluator argument;
    private long[] sums = new long[16];
    private final BitSet seen = new BitSet();

    public LongSumColumn(Evaluator argument) {
        this.argument = argument;
    }

    @Override
    public void add(int id, Record r) {
        r.absent = false;
        long v = argument.evalLong(r);
        if (r.absent) {
            r.absent = false;
            return;
        }
        sums[id] += v;
        seen.set(id);
    }

    @Override
    public boolean mayIgnore() {
        return absentSometimes(argument);
    }

    @Override
    public boolean changes(Record r) {
        return CountColumn.isPresent(argument, r);
    }

    @Override
    public void ensureCapacity(int capacity) {
        if (capacity > sums.length) {
            sums = Arrays.copyOf(sums, Math.max(capacity, sums.length * 2));
        }
    }

    @Override
    public Object result(int id) {
        return seen.get(id) ? (Object) sums[id] : null;
    }

    @Override
    public void clear(int size) {
        Arrays.fill(sums, 0, Math.min(size, sums.length), 0);
        seen.clear();
    }
}
