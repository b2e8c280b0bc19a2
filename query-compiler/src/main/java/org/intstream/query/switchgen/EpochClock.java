package org.intstream.query.switchgen;

import java.math.BigInteger;

/**
 * The switch computes a slot's epoch as {@code (now * reciprocal) >> 80} with {@code reciprocal =
 * ceil(2^80 / window)}: the data plane has no division. This equals {@code floor(now / window)} whenever
 * {@code now * window <= 2^80}, which holds for clocks below 2^52 microseconds (year 2112) and windows up to
 * 2^28 microseconds; windows below a millisecond would overflow the switch's 128-bit product.
 */
public final class EpochClock {
    public static final long MIN_WINDOW_MICROS = 1_000;
    public static final long MAX_WINDOW_MICROS = 1L << 28;
    public static final long MAX_CLOCK_MICROS = 1L << 52;
    /** v1model's {@code ingress_global_timestamp} is 48 bits wide: Unix microseconds arrive modulo 2^48. */
    public static final int SWITCH_TIMESTAMP_BITS = 48;
    public static final long SWITCH_TIMESTAMP_MASK = (1L << SWITCH_TIMESTAMP_BITS) - 1;

    private EpochClock() {
    }

    /**
     * The clock offset that makes a switch whose timestamps are Unix microseconds modulo 2^48 (the soft switch
     * replaying captures) compute Unix time again, for the 2^48 µs (about 8.9 years) from the multiple of
     * 2^48 below {@code unixMicros}.
     */
    public static long offsetForUnixTimestamps(long unixMicros) {
        return unixMicros - (unixMicros & SWITCH_TIMESTAMP_MASK);
    }

    /** The clock value the switch computes: its 48-bit timestamp plus the offset, modulo 2^64. */
    public static long switchNow(long timestampMicros, long offsetMicros) {
        return (timestampMicros & SWITCH_TIMESTAMP_MASK) + offsetMicros;
    }

    /** The action parameter for a window. */
    public static BigInteger reciprocal(long windowMicros) {
        if (windowMicros < MIN_WINDOW_MICROS || windowMicros > MAX_WINDOW_MICROS) {
            throw new IllegalArgumentException("a switch window must be from " + MIN_WINDOW_MICROS + " us to "
                    + MAX_WINDOW_MICROS + " us (about 268 s); not " + windowMicros + " us");
        }
        BigInteger[] qr = BigInteger.ONE.shiftLeft(IntStreamP4.EPOCH_FRACTION_BITS)
                .divideAndRemainder(BigInteger.valueOf(windowMicros));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** The epoch as the switch computes it (the low 128 bits of the product, shifted, low 32 bits). */
    public static long switchEpoch(long nowMicros, long windowMicros) {
        BigInteger product = BigInteger.valueOf(nowMicros).multiply(reciprocal(windowMicros))
                .and(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE));
        return product.shiftRight(IntStreamP4.EPOCH_FRACTION_BITS).longValue() & 0xFFFFFFFFL;
    }
}
