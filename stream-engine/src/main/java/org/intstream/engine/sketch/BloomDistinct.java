package org.intstream.engine.sketch;

import org.intstream.engine.aggregate.DistinctFilter;
import org.intstream.engine.record.Record;

/**
 * {@code distinct using bloom(bits = …, hashes = …)}: distinct as a switch runs it, in a Bloom filter over the
 * switch's hash functions. A false positive drops a new tuple; the window reports the filter's false
 * positive rate at its final fill.
 */
public final class BloomDistinct implements DistinctFilter {
    private final SketchKey key;
    private final BloomFilter filter;
    private long unhashable;

    public BloomDistinct(SketchKey key, BloomFilter filter) {
        this.key = key;
        this.filter = filter;
    }

    @Override
    public boolean firstTime(Record r) {
        if (!key.read(r)) {
            unhashable++;
            return false;
        }
        return !filter.addAndCheck(key.hi(), key.lo());
    }

    @Override
    public String approximationNote() {
        return String.format("distinct through a %d-bit Bloom filter with %d hashes: %d tuples kept, false positive "
                + "rate %.2e (distinct counts may come out low)%s", filter.bits(), filter.hashes(), filter.inserted(),
                filter.falsePositiveRate(), unhashable == 0 ? "" : "; " + unhashable + " tuples with absent fields "
                + "were dropped");
    }

    @Override
    public void clear() {
        filter.clear();
        unhashable = 0;
    }
}
