package org.intstream.engine.aggregate;

/**
 * The sketch form of a distinct that ran out of room for exact keys: a Bloom filter over 64-bit key
 * hashes, with k indexes from two halves of the hash (Kirsch and Mitzenmacher). A false positive takes a
 * new key for a duplicate, so the distinct count can only come out low; {@link #falsePositiveRate()} says
 * how likely that was at the filter's fill. Host-only: switch Bloom filters use {@code SketchHashes}.
 */
public final class OverflowBloom {
    private final long[] words;
    private final long bits;
    private final int hashes;
    private long setBits;

    public OverflowBloom(long bits, int hashes) {
        this.bits = Math.max(64, Long.highestOneBit(bits));
        this.words = new long[(int) Math.min(Integer.MAX_VALUE - 8, this.bits / 64)];
        this.hashes = hashes;
    }

    /** Adds a key hash; true when it was not (apparently) present. */
    public boolean addIfNew(long hash) {
        long h1 = hash;
        long h2 = Long.rotateLeft(hash * 0x9E3779B97F4A7C15L, 31) | 1;
        long mask = (long) words.length * 64 - 1;
        boolean added = false;
        for (int i = 0; i < hashes; i++) {
            long bit = (h1 + i * h2) & mask;
            int w = (int) (bit >>> 6);
            long m = 1L << (bit & 63);
            if ((words[w] & m) == 0) {
                words[w] |= m;
                setBits++;
                added = true;
            }
        }
        return added;
    }

    public double falsePositiveRate() {
        return Math.pow((double) setBits / ((long) words.length * 64), hashes);
    }

    public long bits() {
        return (long) words.length * 64;
    }

    public void clear() {
        java.util.Arrays.fill(words, 0);
        setBits = 0;
    }
}
