package org.intstream.agent.probe;

/**
 * Bounds of one bandwidth probe: the sender stops after {@code maxBytes} or {@code maxMillis}, whichever
 * comes first; the receiver ends a probe that goes past twice either bound.
 *
 * @param maxBytes most bytes one probe sends (at least 64 KiB)
 * @param maxMillis longest time one probe sends, in milliseconds (at least 10)
 */
public record ProbeLimits(long maxBytes, long maxMillis) {
    /** 256 MiB or 2 s: long enough to leave TCP slow start on a gigabit or faster path. */
    public static final ProbeLimits DEFAULTS = new ProbeLimits(256L << 20, 2000);

    public ProbeLimits {
        if (maxBytes < 64 << 10) {
            throw new IllegalArgumentException("a probe must send at least 64 KiB, got " + maxBytes + " bytes");
        }
        if (maxMillis < 10) {
            throw new IllegalArgumentException("a probe must be allowed at least 10 ms, got " + maxMillis);
        }
    }
}
