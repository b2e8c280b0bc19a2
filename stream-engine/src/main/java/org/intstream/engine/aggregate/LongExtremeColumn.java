package org.intstream.engine.aggregate;

import java.util.Arrays;
import java.util.BitSet;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;

/** {@code min(x)} or {@code max(x)} over integers, timestamps and durations. */
public final class LongExtremeColumn extends AggColumn {
    private final Evaluator argument;
    private final boolean max;
    private long[] values = new long[16];
    private final BitSet seen = new BitSet();

    public LongExtremeColumn(Evaluator argument, boolean max) {
        this.argument = argument;
        this.max = max;
    }

    @Override
    public void add(int id, Record r) {
        r.absent = false;
        long v = argument.evalLong(r);
        if (r.absent) {
            r.absent = false;
            return;
        }
        if (!seen.get(id)) {
            values[id] = v;
            seen.set(id);
        } else if (max ? v > values[id] : v < values[id]) {
            values[id] = v;
        }
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
        if (capacity > values.length) {
            values = Arrays.copyOf(values, Math.max(capacity, values.length * 2));
        }
    }

    @Override
    public Object result(int id) {
        return seen.get(id) ? (Object) values[id] : null;
    }

    @Override
    public void clear(int size) {
        seen.clear();
    }
}
