package org.intstream.engine.sketch;

import java.util.BitSet;

/**
 * A Bloom filter over the same index functions as the count-min rows ({@link SketchHashes}), so a switch
 * register can hold the same bits. A false positive makes a new key look seen.
 */
public final class BloomFilter {
    private final int hashes;
    private final int bits;
    private final BitSet set;
    private final SketchHashes index;
    private final int[] idx;
    private long inserted;

    public BloomFilter(int bits, int hashes, int[] fieldWidths) {
        this(bits, hashes, new SketchHashes(fieldWidths));
    }

    /** A filter over hashes it may share with other sketches of the same fields ({@link SharedHashes}). */
    public BloomFilter(int bits, int hashes, SketchHashes index) {
        SketchHashes.checkShape(hashes, bits, "a Bloom filter");
        this.bits = bits;
        this.hashes = hashes;
        this.set = new BitSet(bits);
        this.index = index;
        this.idx = new int[hashes];
    }

    /** Adds a key; returns true when it was (or looked) present already. */
    public boolean addAndCheck(long[] hi, long[] lo) {
        index.indexes(hi, lo, hashes, bits, idx);
        boolean present = true;
        for (int i = 0; i < hashes; i++) {
            if (!set.get(idx[i])) {
                present = false;
                set.set(idx[i]);
            }
        }
        if (!present) {
            inserted++;
        }
        return present;
    }

    /** Probability that a key never added looks present, at the current fill. */
    public double falsePositiveRate() {
        double fill = (double) set.cardinality() / bits;
        return Math.pow(fill, hashes);
    }

    public long inserted() {
        return inserted;
    }

    public int bits() {
        return bits;
    }

    public int hashes() {
        return hashes;
    }

    public void clear() {
        set.clear();
        inserted = 0;
    }
}
