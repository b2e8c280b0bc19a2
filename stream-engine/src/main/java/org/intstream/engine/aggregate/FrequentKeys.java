package org.intstream.engine.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * The sketch form of a reduce that ran out of room for exact keys: a frequent-items sketch (Misra-Gries, as
 * Apache DataSketches implements it) of count or sum per key, in bounded memory. It reports every key whose
 * weight may exceed {@link #maximumError()}, each with an upper-bound estimate that exceeds the truth by at
 * most that error; lighter keys can be missing.
 */
public final class FrequentKeys {
    private final int capacity;
    private ItemsSketch<List<Object>> sketch;

    /** @param capacity counters the sketch keeps (a power of two) */
    public FrequentKeys(int capacity) {
        this.capacity = Integer.highestOneBit(Math.max(8, capacity));
        this.sketch = new ItemsSketch<>(this.capacity);
    }

    public void add(Object[] key, long weight) {
        if (weight > 0) {
            sketch.update(Arrays.asList(key), weight);
        }
    }

    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    /** Keys that may be heavier than the maximum error, with their upper-bound estimates. */
    public List<Object[]> rows() {
        List<Object[]> out = new ArrayList<>();
        for (ItemsSketch.Row<List<Object>> r : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            Object[] row = r.getItem().toArray(new Object[r.getItem().size() + 1]);
            row[row.length - 1] = r.getUpperBound();
            out.add(row);
        }
        return out;
    }

    /** How far above the truth an estimate can be (and how heavy a missing key can be). */
    public long maximumError() {
        return sketch.getMaximumError();
    }

    public int capacity() {
        return capacity;
    }

    public void clear() {
        sketch = new ItemsSketch<>(capacity);
    }
}
