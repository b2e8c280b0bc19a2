package org.intstream.agent.measure;

import org.intstream.engine.sketch.SketchHashes;

/**
 * The agent-wide choices the seed leaves open, shared by every counter. Immutable; {@code with*} returns a
 * copy.
 *
 * <p>Defaults: count-min sketches of 3 rows by 4096 cells (the switch's hash rows; 96 KiB each); heavy
 * hitters are keys with at least 1% of a counter's total; the real-time counter covers the last 1000 ms
 * in slots of 10 ms and holds at most 100,000 distinct keys; at most 64 sketches.
 */
public final class CounterSettings {
    public static final CounterSettings DEFAULTS = new CounterSettings(3, 4096, 0.01, 1_000_000, 10_000, 100_000, 64);

    private final int rows;
    private final int width;
    private final double heavyHitterFraction;
    private final long realTimeWindowMicros;
    private final long realTimeSlotMicros;
    private final int realTimeMaxKeys;
    private final int maxSketches;

    private CounterSettings(int rows, int width, double heavyHitterFraction, long realTimeWindowMicros,
            long realTimeSlotMicros, int realTimeMaxKeys, int maxSketches) {
        SketchHashes.checkShape(rows, width, "a counter's count-min sketch");
        if (!(heavyHitterFraction > 0 && heavyHitterFraction <= 1)) {
            throw new IllegalArgumentException("the heavy-hitter fraction must be in (0, 1], got " + heavyHitterFraction);
        }
        if (realTimeSlotMicros < 1 || realTimeWindowMicros < realTimeSlotMicros
                || realTimeWindowMicros % realTimeSlotMicros != 0) {
            throw new IllegalArgumentException("the real-time window (" + realTimeWindowMicros
                    + " us) must be a positive multiple of its slot (" + realTimeSlotMicros + " us)");
        }
        if (realTimeMaxKeys < 1) {
            throw new IllegalArgumentException("the real-time counter must hold at least 1 key, got " + realTimeMaxKeys);
        }
        if (maxSketches < 1) {
            throw new IllegalArgumentException("the agent must allow at least 1 sketch, got " + maxSketches);
        }
        this.rows = rows;
        this.width = width;
        this.heavyHitterFraction = heavyHitterFraction;
        this.realTimeWindowMicros = realTimeWindowMicros;
        this.realTimeSlotMicros = realTimeSlotMicros;
        this.realTimeMaxKeys = realTimeMaxKeys;
        this.maxSketches = maxSketches;
    }

    /** Rows (1..3) and cells per row (a power of two up to 65536) of every counter's count-min sketch. */
    public CounterSettings withSketchShape(int rows, int width) {
        return new CounterSettings(rows, width, heavyHitterFraction, realTimeWindowMicros, realTimeSlotMicros,
                realTimeMaxKeys, maxSketches);
    }

    /**
     * The share of a counter's total that makes a key a heavy hitter when a query names no threshold; it is
     * also the lowest threshold a query may ask for, since candidates below it are not kept.
     */
    public CounterSettings withHeavyHitterFraction(double fraction) {
        return new CounterSettings(rows, width, fraction, realTimeWindowMicros, realTimeSlotMicros,
                realTimeMaxKeys, maxSketches);
    }

    /**
     * How far back the real-time counter looks, in slots of 1/100 of it (at least 1 ms): the last
     * {@code millis} milliseconds, rounded out to whole slots.
     */
    public CounterSettings withRealTimeIntervalMillis(long millis) {
        if (millis < 1) {
            throw new IllegalArgumentException("the real-time interval must be at least 1 ms, got " + millis);
        }
        long window = millis * 1000;
        long slot = millis % 100 == 0 ? window / 100 : 1000;
        return new CounterSettings(rows, width, heavyHitterFraction, window, slot, realTimeMaxKeys, maxSketches);
    }

    public CounterSettings withRealTimeMaxKeys(int maxKeys) {
        return new CounterSettings(rows, width, heavyHitterFraction, realTimeWindowMicros, realTimeSlotMicros,
                maxKeys, maxSketches);
    }

    public CounterSettings withMaxSketches(int maxSketches) {
        return new CounterSettings(rows, width, heavyHitterFraction, realTimeWindowMicros, realTimeSlotMicros,
                realTimeMaxKeys, maxSketches);
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    public double heavyHitterFraction() {
        return heavyHitterFraction;
    }

    public long realTimeWindowMicros() {
        return realTimeWindowMicros;
    }

    public long realTimeSlotMicros() {
        return realTimeSlotMicros;
    }

    public int realTimeMaxKeys() {
        return realTimeMaxKeys;
    }

    public int maxSketches() {
        return maxSketches;
    }

    @Override
    public String toString() {
        return "CounterSettings{countmin " + rows + "x" + width + ", heavy hitters >= " + heavyHitterFraction
                + " of total, real time " + realTimeWindowMicros / 1000 + " ms in " + realTimeSlotMicros
                + " us slots, max " + realTimeMaxKeys + " keys, max " + maxSketches + " sketches}";
    }
}
