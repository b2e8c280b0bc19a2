package org.intstream.engine.window;

/**
 * Event-time windows aligned to multiples of their slide from the Unix epoch: a tumbling window of size
 * {@code s} is the sliding window of size {@code s} every {@code s}. Window {@code k} covers
 * {@code [k*slide, k*slide + size)}, so a replay always cuts the same windows.
 */
public final class WindowAssigner {
    private final long size;
    private final long slide;

    private WindowAssigner(long size, long slide) {
        if (size <= 0 || slide <= 0) {
            throw new IllegalArgumentException("window size and slide must be positive, not " + size + " and " + slide);
        }
        this.size = size;
        this.slide = slide;
    }

    public static WindowAssigner tumbling(long size) {
        return new WindowAssigner(size, size);
    }

    public static WindowAssigner sliding(long size, long slide) {
        return new WindowAssigner(size, slide);
    }

    public long size() {
        return size;
    }

    public long slide() {
        return slide;
    }

    public boolean isTumbling() {
        return size == slide;
    }

    /** Start of the last window containing {@code ts}. */
    public long lastStart(long ts) {
        return Math.floorDiv(ts, slide) * slide;
    }

    /** Start of the first window containing {@code ts}. */
    public long firstStart(long ts) {
        return (Math.floorDiv(ts - size, slide) + 1) * slide;
    }

    /** How many windows contain one instant (at most ceil(size / slide)). */
    public int maxWindowsPerInstant() {
        return (int) ((size + slide - 1) / slide);
    }

    /**
     * The earliest start of a window that may still receive input once every input before {@code watermark}
     * has arrived: output rows (stamped with their window's start) before it are final.
     */
    public long earliestOpenStart(long watermark) {
        return firstStart(watermark);
    }
}
