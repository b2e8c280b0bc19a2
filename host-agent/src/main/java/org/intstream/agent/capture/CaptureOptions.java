package org.intstream.agent.capture;

import java.util.Objects;

/**
 * How a live capture is opened. Immutable: every {@code with*} method returns a copy, so a shared
 * {@link #DEFAULTS} can be refined per interface.
 *
 * <p>Defaults: a snap length of 262144 (the whole frame), not promiscuous (the agent measures its own host's
 * traffic; foreign frames belong to another observation point), a 100 ms read timeout, a 4 MiB kernel
 * buffer, no filter, both directions, immediate mode on, libpcap's counters read every second.
 */
public final class CaptureOptions {
    /** Largest snap length libpcap accepts without clamping (MAXIMUM_SNAPLEN). */
    public static final int MAX_SNAPLEN = 262_144;

    public static final CaptureOptions DEFAULTS =
            new CaptureOptions(MAX_SNAPLEN, false, 100, 4 << 20, "", CaptureDirection.INOUT, true, 1000);

    private final int snaplen;
    private final boolean promiscuous;
    private final int timeoutMillis;
    private final int bufferSize;
    private final String filter;
    private final CaptureDirection direction;
    private final boolean immediate;
    private final int statsIntervalMillis;

    private CaptureOptions(int snaplen, boolean promiscuous, int timeoutMillis, int bufferSize, String filter,
            CaptureDirection direction, boolean immediate, int statsIntervalMillis) {
        if (snaplen < 1 || snaplen > MAX_SNAPLEN) {
            throw new IllegalArgumentException("snaplen must be in 1.." + MAX_SNAPLEN + ", got " + snaplen);
        }
        // A positive timeout lets the loop notice stop() even on a libpcap that cannot be woken.
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeoutMillis must be at least 1, got " + timeoutMillis);
        }
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive, got " + bufferSize);
        }
        if (statsIntervalMillis < 1) {
            throw new IllegalArgumentException(
                    "statsIntervalMillis must be at least 1, got " + statsIntervalMillis);
        }
        this.snaplen = snaplen;
        this.promiscuous = promiscuous;
        this.timeoutMillis = timeoutMillis;
        this.bufferSize = bufferSize;
        this.filter = Objects.requireNonNull(filter, "filter can't be null (use \"\" for none)").strip();
        this.direction = Objects.requireNonNull(direction, "direction can't be null");
        this.immediate = immediate;
        this.statsIntervalMillis = statsIntervalMillis;
    }

    public CaptureOptions withSnaplen(int snaplen) {
        return new CaptureOptions(snaplen, promiscuous, timeoutMillis, bufferSize, filter, direction, immediate,
                statsIntervalMillis);
    }

    public CaptureOptions withPromiscuous(boolean promiscuous) {
        return new CaptureOptions(snaplen, promiscuous, timeoutMillis, bufferSize, filter, direction, immediate,
                statsIntervalMillis);
    }

    public CaptureOptions withTimeoutMillis(int timeoutMillis) {
        return new CaptureOptions(snaplen, promiscuous, timeoutMillis, bufferSize, filter, direction, immediate,
                statsIntervalMillis);
    }

    public CaptureOptions withBufferSize(int bufferSize) {
        return new CaptureOptions(snaplen, promiscuous, timeoutMillis, bufferSize, filter, direction, immediate,
                statsIntervalMillis);
    }

    /** A BPF expression in tcpdump syntax; empty for none. */
    public CaptureOptions withFilter(String filter) {
        return new CaptureOptions(snaplen, promiscuous, timeoutMillis, bufferSize, filter, direction, immediate,
                statsIntervalMillis);
    }

    public CaptureOptions withDirection(CaptureDirection direction) {
        return new CaptureOptions(snaplen, promiscuous, timeoutMillis, bufferSize, filter, direction, immediate,
                statsIntervalMillis);
    }

    /** Deliver each packet as it arrives instead of when the kernel's buffer block fills or times out. */
    public CaptureOptions withImmediate(boolean immediate) {
        return new CaptureOptions(snaplen, promiscuous, timeoutMillis, bufferSize, filter, direction, immediate,
                statsIntervalMillis);
    }

    /** How often libpcap's receive and drop counters are read while capturing. */
    public CaptureOptions withStatsIntervalMillis(int statsIntervalMillis) {
        return new CaptureOptions(snaplen, promiscuous, timeoutMillis, bufferSize, filter, direction, immediate,
                statsIntervalMillis);
    }

    public int snaplen() {
        return snaplen;
    }

    public boolean promiscuous() {
        return promiscuous;
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    public int bufferSize() {
        return bufferSize;
    }

    public String filter() {
        return filter;
    }

    public boolean hasFilter() {
        return !filter.isEmpty();
    }

    public CaptureDirection direction() {
        return direction;
    }

    public boolean immediate() {
        return immediate;
    }

    public int statsIntervalMillis() {
        return statsIntervalMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CaptureOptions)) {
            return false;
        }
        CaptureOptions that = (CaptureOptions) o;
        return snaplen == that.snaplen && promiscuous == that.promiscuous && timeoutMillis == that.timeoutMillis
                && bufferSize == that.bufferSize && filter.equals(that.filter) && direction == that.direction
                && immediate == that.immediate && statsIntervalMillis == that.statsIntervalMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(snaplen, promiscuous, timeoutMillis, bufferSize, filter, direction, immediate,
                statsIntervalMillis);
    }

    @Override
    public String toString() {
        return "CaptureOptions{snaplen=" + snaplen + ", promiscuous=" + promiscuous + ", timeoutMillis="
                + timeoutMillis + ", bufferSize=" + bufferSize + ", filter=\"" + filter + "\", direction="
                + direction + ", immediate=" + immediate + ", statsIntervalMillis=" + statsIntervalMillis + "}";
    }
}
