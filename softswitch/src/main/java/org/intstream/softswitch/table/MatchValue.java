package org.intstream.softswitch.table;

import java.math.BigInteger;

/**
 * How an entry matches one key element, normalised to value/mask (exact: all ones; LPM: a prefix mask;
 * ternary and optional: the given mask, with the value masked) or a range [low, high].
 */
public final class MatchValue {
    private final MatchKind kind;
    private final BigInteger value;
    private final BigInteger mask;
    private final int prefixLength;
    private final BigInteger low;
    private final BigInteger high;
    final long longValue;
    final long longMask;
    final long longLow;
    final long longHigh;

    private MatchValue(MatchKind kind, BigInteger value, BigInteger mask, int prefixLength, BigInteger low,
            BigInteger high) {
        this.kind = kind;
        this.value = value;
        this.mask = mask;
        this.prefixLength = prefixLength;
        this.low = low;
        this.high = high;
        this.longValue = value == null ? 0 : value.longValue();
        this.longMask = mask == null ? 0 : mask.longValue();
        this.longLow = low == null ? 0 : low.longValue();
        this.longHigh = high == null ? 0 : high.longValue();
    }

    private static BigInteger ones(int width) {
        return BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
    }

    public static MatchValue exact(BigInteger value, int width) {
        return new MatchValue(MatchKind.EXACT, value, ones(width), width, null, null);
    }

    public static MatchValue lpm(BigInteger value, int prefixLength, int width) {
        BigInteger mask = ones(prefixLength).shiftLeft(width - prefixLength);
        return new MatchValue(MatchKind.LPM, value.and(mask), mask, prefixLength, null, null);
    }

    public static MatchValue ternary(BigInteger value, BigInteger mask) {
        return new MatchValue(MatchKind.TERNARY, value.and(mask), mask, -1, null, null);
    }

    /** An optional match: exact when present, wildcard when absent (value and mask zero). */
    public static MatchValue optional(BigInteger value, boolean present, int width) {
        BigInteger mask = present ? ones(width) : BigInteger.ZERO;
        return new MatchValue(MatchKind.OPTIONAL, value.and(mask), mask, -1, null, null);
    }

    public static MatchValue range(BigInteger low, BigInteger high) {
        return new MatchValue(MatchKind.RANGE, null, null, -1, low, high);
    }

    public MatchKind kind() {
        return kind;
    }

    public BigInteger value() {
        return value;
    }

    public BigInteger mask() {
        return mask;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public BigInteger low() {
        return low;
    }

    public BigInteger high() {
        return high;
    }

    boolean matches(long key) {
        if (kind == MatchKind.RANGE) {
            return Long.compareUnsigned(key, longLow) >= 0 && Long.compareUnsigned(key, longHigh) <= 0;
        }
        return (key & longMask) == longValue;
    }

    boolean matches(BigInteger key) {
        if (kind == MatchKind.RANGE) {
            return key.compareTo(low) >= 0 && key.compareTo(high) <= 0;
        }
        return key.and(mask).equals(value);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MatchValue)) {
            return false;
        }
        MatchValue m = (MatchValue) o;
        return kind == m.kind && java.util.Objects.equals(value, m.value) && java.util.Objects.equals(mask, m.mask)
                && java.util.Objects.equals(low, m.low) && java.util.Objects.equals(high, m.high);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, value, mask, low, high);
    }

    @Override
    public String toString() {
        if (kind == MatchKind.RANGE) {
            return low.toString(16) + ".." + high.toString(16);
        }
        return "0x" + value.toString(16) + "&&&0x" + mask.toString(16);
    }
}
