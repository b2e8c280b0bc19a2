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

    public Phv(int narrowSlots, int wideSlots, int headers) {
        values = new long[narrowSlots];
        wide = new BigInteger[wideSlots];
        valid = new boolean[headers];
        Arrays.fill(wide, BigInteger.ZERO);
    }

    private Phv(long[] values, BigInteger[] wide, boolean[] valid) {
        this.values = values;
        this.wide = wide;
        this.valid = valid;
    }

    /** A copy, for clones, multicast replicas and fresh packets (BigIntegers are immutable, so shared). */
    public Phv copy() {
        return new Phv(values.clone(), wide.clone(), valid.clone());
    }

    public void copyFrom(Phv other) {
        System.arraycopy(other.values, 0, values, 0, values.length);
        System.arraycopy(other.wide, 0, wide, 0, wide.length);
        System.arraycopy(other.valid, 0, valid, 0, valid.length);
    }
}
