package org.intstream.agent.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.intstream.engine.packet.Packet;
import org.intstream.engine.sketch.CountMinSketch;

/**
 * One counter of a sketch: the packets that pass the sketch's filter, counted by one key type with one
 * increment, three ways at once. A count-min sketch (hashed like the switch's) holds the cumulative
 * amounts since the counter was configured; candidate tracking lets it name its heavy hitters; a
 * real-time counter holds the exact amounts of the recent window.
 *
 * <p>Thread-safe: capture threads add while API threads query.
 */
public final class MeasurementCounter {
    private final CounterKeyType keyType;
    private final Increment increment;
    private final CountMinSketch sketch;
    private final HeavyHitterCandidates candidates;
    private final RealTimeCounter realTime;
    private final double heavyHitterFloor;
    private final long[] hi;
    private final long[] lo;

    MeasurementCounter(CounterKeyType keyType, Increment increment, CounterSettings settings) {
        this.keyType = keyType;
        this.increment = increment;
        int[] widths = keyType.fieldWidths();
        this.sketch = new CountMinSketch(settings.rows(), settings.width(), widths);
        this.heavyHitterFloor = settings.heavyHitterFraction();
        this.candidates = new HeavyHitterCandidates(heavyHitterFloor);
        this.realTime = new RealTimeCounter(settings.realTimeWindowMicros(), settings.realTimeSlotMicros(),
                settings.realTimeMaxKeys());
        this.hi = new long[widths.length];
        this.lo = new long[widths.length];
    }

    public CounterKeyType keyType() {
        return keyType;
    }

    public Increment increment() {
        return increment;
    }

    /** Counts {@code p}, an IPv4 packet that passed the sketch's filter, if it has this counter's key. */
    void offer(Packet p) {
        if (!keyType.present(p)) {
            return;
        }
        long key = keyType.key(p);
        long amount = increment.amount(p);
        synchronized (this) {
            keyType.fields(key, lo);
            long estimate = sketch.add(hi, lo, amount);
            candidates.offer(key, estimate, sketch.total(), this::estimateLocked);
            realTime.add(p.ts, key, amount);
        }
    }

    private long estimateLocked(long key) {
        keyType.fields(key, lo);
        return sketch.estimate(hi, lo);
    }

    /** The count-min estimate of a key's cumulative amount: never below the exact amount. */
    public synchronized long estimate(long key) {
        return estimateLocked(key);
    }

    /** The exact sum of every amount counted. */
    public synchronized long total() {
        return sketch.total();
    }

    /** The over-count bound of one estimate: e/width of the total (see {@link CountMinSketch#errorBound()}). */
    public synchronized long errorBound() {
        return sketch.errorBound();
    }

    /** The lowest heavy-hitter threshold this counter can answer for (see {@link HeavyHitterCandidates}). */
    public double heavyHitterFloor() {
        return heavyHitterFloor;
    }

    /**
     * The keys whose estimate is at least {@code fraction} of the total.
     *
     * @throws IllegalArgumentException when {@code fraction} is below {@link #heavyHitterFloor()} or above 1
     */
    public synchronized HeavyHitterReport heavyHitters(double fraction) {
        if (!(fraction >= heavyHitterFloor && fraction <= 1)) {
            throw new IllegalArgumentException("a heavy-hitter threshold must be from " + heavyHitterFloor
                    + " (the agent's tracking floor) to 1, got " + fraction);
        }
        long total = sketch.total();
        double cut = fraction * total;
        List<long[]> hits = new ArrayList<>();
        for (long key : candidates.keys()) {
            long estimate = estimateLocked(key);
            if (total > 0 && estimate >= cut) {
                hits.add(new long[] {key, estimate});
            }
        }
        Map<String, Long> hitters = sorted(hits);
        return new HeavyHitterReport(hitters, total, sketch.errorBound(), fraction);
    }

    /** A copy of the counter's state, its real-time window ending at {@code nowMicros}. */
    public synchronized CounterContents contents(long nowMicros) {
        return new CounterContents(sketch.cells(), sketch.total(), java.util.Set.copyOf(candidates.keys()),
                realTime.amounts(nowMicros), realTime.untrackedPackets(nowMicros), realTime.windowMicros());
    }

    /** Distinct keys in the real-time window that ends at {@code nowMicros}. */
    public synchronized int realTimeKeyCount(long nowMicros) {
        return realTime.distinctKeys(nowMicros);
    }

    /** The real-time window's exact amounts, for the window that ends at {@code nowMicros}. */
    public synchronized RealTimeReport realTime(long nowMicros) {
        List<long[]> entries = new ArrayList<>();
        for (Map.Entry<Long, Long> e : realTime.amounts(nowMicros).entrySet()) {
            entries.add(new long[] {e.getKey(), e.getValue()});
        }
        return new RealTimeReport(sorted(entries), realTime.untrackedPackets(nowMicros), realTime.windowMicros(),
                realTime.slotMicros());
    }

    /** Key text to value, largest value first, ties by key text so answers are stable. */
    private Map<String, Long> sorted(List<long[]> entries) {
        List<Map.Entry<String, Long>> named = new ArrayList<>();
        for (long[] e : entries) {
            named.add(Map.entry(keyType.format(e[0]), e[1]));
        }
        named.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : named) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
