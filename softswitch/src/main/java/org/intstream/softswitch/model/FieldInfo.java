package org.intstream.softswitch.model;

/**
 * One field of a header instance and where its value lives in a packet's state: fields of up to 64 bits
 * in a {@code long} slot, wider ones in a {@link java.math.BigInteger} slot.
 *
 * @param header the header instance's index
 * @param name the field's name in its header type
 * @param width bits
 * @param signed whether the field holds a two's complement {@code int<W>}
 * @param slot index into the long slots (width at most 64) or the wide slots
 */
public record FieldInfo(int header, String name, int width, boolean signed, int slot) {

    public boolean wide() {
        return width > 64;
    }

    /** The low {@code width} bits set; meaningful for narrow fields only. */
    public long mask() {
        return width >= 64 ? -1L : (1L << width) - 1;
    }
}
