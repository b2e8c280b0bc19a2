package org.intstream.softswitch.runtime;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The packet header vector: the value of every field of every header instance and each header's
 * validity. Narrow fields (up to 64 bits) hold their raw bits in {@link #values}; signed fields are
 * stored as raw bits too and sign-extended when read.
 */
public final class Phv {
    public final long[] values;
    public final BigInteger[] wide;
    public final boolean[] valid;
    /** Per header stack, how many elements have been filled (P4's {@code next} index). */
    public final int[] stackNext;

    public Phv(int narrowSlots, int wideSlots, int headers, int stacks) {
        values = new long[narrowSlots];
        wide = new BigInteger[wideSlots];
        valid = new boolean[headers];
        stackNext = new int[stacks];
        Arrays.fill(wide, BigInteger.ZERO);
    }

    private Phv(long[] values, BigInteger[] wide, boolean[] valid, int[] stackNext) {
        this.values = values;
        this.wide = wide;
        this.valid = valid;
        this.stackNext = stackNext;
    }

    /** A copy, for clones, multicast replicas and fresh packets (BigIntegers are immutable, so shared). */
    public Phv copy() {
        return new Phv(values.clone(), wide.clone(), valid.clone(), stackNext.length == 0 ? stackNext : stackNext.clone());
    }
}
