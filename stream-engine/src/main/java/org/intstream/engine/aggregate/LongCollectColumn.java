package org.intstream.engine.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;

/** {@code collect(x)} of integers or timestamps: per group a growing primitive array; boxed only at the end. */
public final class LongCollectColumn extends AggColumn {
    private final Evaluator argument;
    private long[][] values = new long[16][];
    private int[] sizes = new int[16];

    public LongCollectColumn(Evaluator argument) {
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
        long[] a = values[id];
        int n = sizes[id];
        if (a == null) {
            a = new long[8];
            values[id] = a;
        } else if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
            values[id] = a;
        }
        a[n] = v;
        sizes[id] = n + 1;
    }

    @Override
    public void ensureCapacity(int capacity) {
        if (capacity > sizes.length) {
            int n = Math.max(capacity, sizes.length * 2);
            values = Arrays.copyOf(values, n);
            sizes = Arrays.copyOf(sizes, n);
        }
    }

    @Override
    public Object result(int id) {
        List<Long> out = new ArrayList<>(sizes[id]);
        for (int i = 0; i < sizes[id]; i++) {
            out.add(values[id][i]);
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public void clear(int size) {
        int n = Math.min(size, sizes.length);
        Arrays.fill(values, 0, n, null);
        Arrays.fill(sizes, 0, n, 0);
    }
}
