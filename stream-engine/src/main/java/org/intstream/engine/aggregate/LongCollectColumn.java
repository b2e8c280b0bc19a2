package org.intstream.engine.aggregate;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
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
    public boolean mayIgnore() {
        return absentSometimes(argument);
    }

    @Override
    public boolean changes(Record r) {
        return CountColumn.isPresent(argument, r);
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
        long[] a = values[id];
        return new LongList(a == null ? new long[0] : a, sizes[id]); // the window's array passes to the result
    }

    /** An immutable list over a long array: values are boxed only when read. */
    static final class LongList extends AbstractList<Long> implements RandomAccess {
        private final long[] values;
        private final int size;

        LongList(long[] values, int size) {
            this.values = values;
            this.size = size;
        }

        @Override
        public Long get(int index) {
            if (index >= size) {
                throw new IndexOutOfBoundsException("index " + index + " of " + size);
            }
            return values[index];
        }

        @Override
        public int size() {
            return size;
        }
    }

    @Override
    public void clear(int size) {
        int n = Math.min(size, sizes.length);
        Arrays.fill(values, 0, n, null); // results own the arrays now
        Arrays.fill(sizes, 0, n, 0);
    }
}
