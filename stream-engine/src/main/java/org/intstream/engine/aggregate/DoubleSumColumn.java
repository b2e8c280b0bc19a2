package org.intstream.engine.aggregate;

import java.util.Arrays;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;

/** {@code sum(x)} over floats and {@code avg(x)} over any number; absent when no value was present. */
public final class DoubleSumColumn extends AggColumn {
    private final Evaluator argument;
    private final boolean average;
    private double[] sums = new double[16];
    private long[] counts = new long[16];

    public DoubleSumColumn(Evaluator argument, boolean average) {
        this.argument = argument;
        this.average = average;
    }

    @Override
    public void add(int id, Record r) {
        r.absent = false;
        double v = argument.evalDouble(r);
        if (r.absent) {
            r.absent = false;
            return;
        }
        sums[id] += v;
        counts[id]++;
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
            int n = Math.max(capacity, sums.length * 2);
            sums = Arrays.copyOf(sums, n);
            counts = Arrays.copyOf(counts, n);
        }
    }

    @Override
    public Object result(int id) {
        if (counts[id] == 0) {
            return null;
        }
        return average ? sums[id] / counts[id] : sums[id];
    }

    @Override
    public void clear(int size) {
        int n = Math.min(size, sums.length);
        Arrays.fill(sums, 0, n, 0);
        Arrays.fill(counts, 0, n, 0);
    }
}
