package org.intstream.query.partition;

import java.util.Arrays;
import java.util.Objects;

/**
 * One ternary entry of a slot filter: a value and mask per {@link SwitchField} (mask 0 = wildcard). A packet
 * matches when, for every field, {@code field & mask == value}. Immutable.
 */
public final class SwitchMatch {
    private static final int N = SwitchField.values().length;
    /** Matches every packet the slot sees. */
    public static final SwitchMatch ANY = new SwitchMatch(new long[N], new long[N]);

    private final long[] values;
    private final long[] masks;

    private SwitchMatch(long[] values, long[] masks) {
        this.values = values;
        this.masks = masks;
    }

    public long value(SwitchField f) {
        return values[f.ordinal()];
    }

    public long mask(SwitchField f) {
        return masks[f.ordinal()];
    }

    /**
     * This match narrowed by {@code field & mask == value}, or null when the two contradict (no packet
     * could match both).
     */
    public SwitchMatch and(SwitchField field, long value, long mask) {
        int i = field.ordinal();
        long m = mask & field.fullMask();
        long v = value & m;
        long common = masks[i] & m;
        if ((values[i] & common) != (v & common)) {
            return null;
        }
        long[] nv = values.clone();
        long[] nm = masks.clone();
        nm[i] = masks[i] | m;
        nv[i] = values[i] | v;
        return new SwitchMatch(nv, nm);
    }

    /** Both conditions at once, or null when they contradict. */
    public SwitchMatch and(SwitchMatch other) {
        SwitchMatch m = this;
        for (SwitchField f : SwitchField.values()) {
            if (other.mask(f) != 0) {
                m = m.and(f, other.value(f), other.mask(f));
                if (m == null) {
                    return null;
                }
            }
        }
        return m;
    }

    /** Whether field values (indexed by {@link SwitchField#ordinal()}) match. */
    public boolean matches(long[] fields) {
        for (int i = 0; i < N; i++) {
            if ((fields[i] & masks[i]) != values[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SwitchMatch)) {
            return false;
        }
        SwitchMatch m = (SwitchMatch) o;
        return Arrays.equals(values, m.values) && Arrays.equals(masks, m.masks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(values), Arrays.hashCode(masks));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (SwitchField f : SwitchField.values()) {
            long m = mask(f);
            if (m != 0) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(f.matchName()).append('=').append("0x").append(Long.toHexString(value(f)));
                if (m != f.fullMask()) {
                    b.append("&&&0x").append(Long.toHexString(m));
                }
            }
        }
        return b.length() == 0 ? "*" : b.toString();
    }
}
