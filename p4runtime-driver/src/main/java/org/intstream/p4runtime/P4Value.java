package org.intstream.p4runtime;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * An unsigned value for a match field, action parameter or packet metadata, held in P4Runtime's canonical
 * byte form: big-endian, as short as the value allows (zero is one zero byte). Switches answer reads in
 * this form, so values compare equal whatever form they were given in. Widths are checked later, against
 * the P4Info, by the codecs.
 */
public final class P4Value {

    private static final byte[] ZERO = {0};

    private final byte[] canonical;

    private P4Value(byte[] canonical) {
        this.canonical = canonical;
    }

    /** A value from a long taken as unsigned: -1 is 2^64 - 1. */
    public static P4Value of(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return new P4Value(strip(bytes));
    }

    /** A value from big-endian bytes of any length; leading zero bytes are dropped. */
    public static P4Value of(byte[] bigEndian) {
        Objects.requireNonNull(bigEndian, "bytes can't be null");
        if (bigEndian.length == 0) {
            throw new IllegalArgumentException("an empty byte array is not a value; use a single zero byte for 0");
        }
        return new P4Value(strip(bigEndian.clone()));
    }

    /**
     * Parses text: an IPv4 address ({@code 10.0.0.1}), an IPv6 address ({@code 2001:db8::1}), a MAC address
     * ({@code 00:11:22:33:44:55}), a decimal number or a {@code 0x} hex number.
     */
    public static P4Value parse(String text) {
        Objects.requireNonNull(text, "value text can't be null");
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty text is not a value");
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return ofBigInteger(new BigInteger(checkHex(t.substring(2), text), 16), text);
        }
        if (t.chars().allMatch(Character::isDigit)) {
            return ofBigInteger(new BigInteger(t), text);
        }
        return of(AddressText.parse(t));
    }

    private static String checkHex(String digits, String whole) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + whole + "' is not a hex number");
        }
        return digits;
    }

    private static P4Value ofBigInteger(BigInteger value, String text) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("'" + text + "' is negative; P4 values are unsigned");
        }
        byte[] bytes = value.toByteArray();
        return new P4Value(strip(bytes));
    }

    private static byte[] strip(byte[] bytes) {
        int first = 0;
        while (first < bytes.length - 1 && bytes[first] == 0) {
            first++;
        }
        return first == 0 ? bytes : Arrays.copyOfRange(bytes, first, bytes.length);
    }

    /** The canonical bytes (a copy). */
    public byte[] bytes() {
        return canonical.clone();
    }

    /** Number of significant bits: 0 for zero, 9 for 256. */
    public int bitLength() {
        return new BigInteger(1, canonical).bitLength();
    }

    public boolean fitsIn(int bitWidth) {
        return bitLength() <= bitWidth;
    }

    public boolean isZero() {
        return canonical.length == 1 && canonical[0] == 0;
    }

    public BigInteger toBigInteger() {
        return new BigInteger(1, canonical);
    }

    /** The value as a long; fails when it needs more than 63 bits, so a negative result is never a surprise. */
    public long toLong() {
        if (bitLength() > 63) {
            throw new ArithmeticException("value " + this + " does not fit in a long");
        }
        return toBigInteger().longValue();
    }

    /** The value padded with leading zero bytes to {@code byteCount} bytes; for payload-style fixed widths. */
    public byte[] toBytes(int byteCount) {
        if (canonical.length > byteCount && !isZero()) {
            throw new IllegalArgumentException("value " + this + " needs more than " + byteCount + " bytes");
        }
        byte[] out = new byte[byteCount];
        int n = Math.min(canonical.length, byteCount);
        System.arraycopy(canonical, canonical.length - n, out, byteCount - n, n);
        return out;
    }

    /** True when every bit set here is also set in {@code mask}. */
    public boolean isCoveredBy(P4Value mask) {
        return toBigInteger().andNot(mask.toBigInteger()).signum() == 0;
    }

    /** A mask of the {@code prefixLength} high bits of a {@code width}-bit field. */
    public static P4Value prefixMask(int prefixLength, int width) {
        BigInteger ones = BigInteger.ONE.shiftLeft(prefixLength).subtract(BigInteger.ONE);
        return ofBigInteger(ones.shiftLeft(width - prefixLength), "mask");
    }

    /** Hex padded to a field of {@code bitWidth} bits, e.g. {@code 0x000000000005} for a MAC; how errors show values. */
    public String toHex(int bitWidth) {
        String hex = toBigInteger().toString(16);
        int digits = (bitWidth + 3) / 4;
        StringBuilder sb = new StringBuilder("0x");
        for (int i = hex.length(); i < digits; i++) {
            sb.append('0');
        }
        return sb.append(hex).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof P4Value && Arrays.equals(canonical, ((P4Value) o).canonical);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(canonical);
    }

    /** Hex with a 0x prefix, e.g. {@code 0x0a000001}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("0x");
        for (byte b : canonical) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
