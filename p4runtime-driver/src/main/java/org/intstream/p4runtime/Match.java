package org.intstream.p4runtime;

import java.util.Objects;

/**
 * How one match field of a table entry matches: exact, ternary (value and mask), LPM (value and prefix
 * length), range (low and high, inclusive) or optional (a value, or left out for "any"). A field left out
 * of an entry is a wildcard; P4Runtime wants that rather than a zero mask, so the codec refuses the latter.
 */
public final class Match {

    /** The match kinds of P4Runtime 1.2. */
    public enum Kind { EXACT, TERNARY, LPM, RANGE, OPTIONAL }

    private final Kind kind;
    private final P4Value value;
    private final P4Value second;
    private final int prefixLength;

    private Match(Kind kind, P4Value value, P4Value second, int prefixLength) {
        this.kind = kind;
        this.value = Objects.requireNonNull(value, "match value can't be null");
        this.second = second;
        this.prefixLength = prefixLength;
    }

    public static Match exact(P4Value value) {
        return new Match(Kind.EXACT, value, null, -1);
    }

    public static Match ternary(P4Value value, P4Value mask) {
        return new Match(Kind.TERNARY, value, Objects.requireNonNull(mask, "ternary mask can't be null"), -1);
    }

    public static Match lpm(P4Value value, int prefixLength) {
        if (prefixLength < 0) {
            throw new IllegalArgumentException("LPM prefix length " + prefixLength + " is negative");
        }
        return new Match(Kind.LPM, value, null, prefixLength);
    }

    public static Match range(P4Value low, P4Value high) {
        return new Match(Kind.RANGE, low, Objects.requireNonNull(high, "range high can't be null"), -1);
    }

    public static Match optional(P4Value value) {
        return new Match(Kind.OPTIONAL, value, null, -1);
    }

    public Kind kind() {
        return kind;
    }

    /** The value (exact, ternary, LPM, optional) or the low end (range). */
    public P4Value value() {
        return value;
    }

    /** The ternary mask; fails for other kinds. */
    public P4Value mask() {
        require(Kind.TERNARY);
        return second;
    }

    /** The range's high end, inclusive; fails for other kinds. */
    public P4Value high() {
        require(Kind.RANGE);
        return second;
    }

    public int prefixLength() {
        require(Kind.LPM);
        return prefixLength;
    }

    private void require(Kind wanted) {
        if (kind != wanted) {
            throw new IllegalStateException("a " + kind + " match has no " + wanted + " part");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Match)) {
            return false;
        }
        Match m = (Match) o;
        return kind == m.kind && value.equals(m.value) && Objects.equals(second, m.second)
                && prefixLength == m.prefixLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, value, second, prefixLength);
    }

    @Override
    public String toString() {
        return format(value.toString(), second == null ? null : second.toString());
    }

    /** As {@link #toString()}, with values padded to the field's width. */
    public String toString(int bitWidth) {
        return format(value.toHex(bitWidth), second == null ? null : second.toHex(bitWidth));
    }

    private String format(String first, String other) {
        switch (kind) {
            case TERNARY:
                return first + "&&&" + other;
            case LPM:
                return first + "/" + prefixLength;
            case RANGE:
                return first + ".." + other;
            case OPTIONAL:
                return first + "?";
            default:
                return first;
        }
    }
}
