package org.intstream.engine.source;

/**
 * One interface of a pcapng section, as its Interface Description Block describes it: link type, snap
 * length, and how its packet timestamps turn into microseconds ({@code if_tsresol} as a power of 10 or of
 * 2, plus {@code if_tsoffset} seconds).
 */
final class PcapngInterface {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    final int linkType;
    /** Captured bytes per packet at most; 0 means no limit. */
    final long snapLen;
    private final boolean binary;
    /** Decimal resolutions: multiply ({@code exponent <= 6}) or divide by this power of ten. */
    private final long decimalFactor;
    private final int binaryExponent;
    private final long offsetMicros;
    private final int tsresol;

    private PcapngInterface(int linkType, long snapLen, int tsresol, boolean binary, long decimalFactor,
            int binaryExponent, long offsetMicros) {
        this.tsresol = tsresol;
        this.linkType = linkType;
        this.snapLen = snapLen;
        this.binary = binary;
        this.decimalFactor = decimalFactor;
        this.binaryExponent = binaryExponent;
        this.offsetMicros = offsetMicros;
    }

    /**
     * @param tsresol the {@code if_tsresol} byte: 10^-n seconds per unit, or 2^-n when the top bit is set
     * @param tsoffsetSeconds the {@code if_tsoffset} value
     * @return null when the resolution cannot be represented (the caller reports the damage)
     */
    static PcapngInterface of(int linkType, long snapLen, int tsresol, long tsoffsetSeconds) {
        int exponent = tsresol & 0x7F;
        long offsetMicros = tsoffsetSeconds * MICROS_PER_SECOND;
        if ((tsresol & 0x80) != 0) {
            if (exponent > 63) {
                return null;
            }
            return new PcapngInterface(linkType, snapLen, tsresol, true, 0, exponent, offsetMicros);
        }
        // 10^-24 s per unit is beyond any clock; a 64-bit counter of such units would not reach a microsecond.
        if (exponent > 24) {
            return null;
        }
        long factor = 1;
        for (int i = 0; i < Math.abs(exponent - 6); i++) {
            factor *= 10;
        }
        return new PcapngInterface(linkType, snapLen, tsresol, false, exponent <= 6 ? factor : -factor, 0,
                offsetMicros);
    }

    /** Converts an unsigned 64-bit timestamp in this interface's units to microseconds since the epoch. */
    long toMicros(long units) {
        long micros;
        if (!binary) {
            micros = decimalFactor > 0 ? units * decimalFactor : Long.divideUnsigned(units, -decimalFactor);
        } else {
            int k = binaryExponent;
            long whole = units >>> k;
            long fraction = k == 0 ? 0 : units & ((1L << k) - 1);
            long fractionMicros;
            if (k <= 43) {
                // fraction < 2^43, so fraction * 10^6 < 2^63 fits a long.
                fractionMicros = (fraction * MICROS_PER_SECOND) >>> k;
            } else {
                long high = Math.multiplyHigh(fraction, MICROS_PER_SECOND);
                long low = fraction * MICROS_PER_SECOND;
                fractionMicros = (high << (64 - k)) | (low >>> k);
            }
            micros = whole * MICROS_PER_SECOND + fractionMicros;
        }
        return micros + offsetMicros;
    }

    /** The resolution as written, e.g. "10^-6 s" or "2^-20 s", for messages. */
    String resolution() {
        return ((tsresol & 0x80) != 0 ? "2^-" : "10^-") + (tsresol & 0x7F) + " s";
    }
}
