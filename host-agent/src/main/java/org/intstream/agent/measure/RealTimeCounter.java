package org.intstream.agent.measure;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact per-key amounts over the recent past: time is cut into slots of {@code slotMicros} (aligned to the
 * epoch), and the counter covers the slots that overlap the last {@code windowMicros}, that is the last
 * window rounded out to whole slots. Each slot keeps its own amounts so it can be taken out of the running
 * totals when it expires.
 *
 * <p>Packets may come slightly out of time order (the agent captures each direction on its own thread);
 * one whose slot has already expired is ignored. At most {@code maxKeys} distinct keys are held at once: a
 * packet of a further key is not counted but shows up in {@link #untrackedPackets}, so an answer says
 * when it is incomplete.
 */
final class RealTimeCounter {
    private final long windowMicros;
    private final long slotMicros;
    private final int maxKeys;
    private final TreeMap<Long, Slot> slots = new TreeMap<>();
    /** Window totals per key: {amount, packets}. */
    private final Map<Long, long[]> window = new HashMap<>();
    private long untracked;
    /** The latest time seen, by a packet or a query: a late packet must not move the window back. */
    private long newestMicros = Long.MIN_VALUE;

    private static final class Slot {
        final Map<Long, long[]> amounts = new HashMap<>();
        long untracked;
    }

    RealTimeCounter(long windowMicros, long slotMicros, int maxKeys) {
        this.windowMicros = windowMicros;
        this.slotMicros = slotMicros;
        this.maxKeys = maxKeys;
    }

    /** Counts {@code amount} for {@code key} at time {@code tsMicros}; expires slots older than the window. */
    void add(long tsMicros, long key, long amount) {
        expire(tsMicros);
        long index = Math.floorDiv(tsMicros, slotMicros);
        if (isExpired(index, newestMicros)) {
            return;
        }
        Slot slot = slots.computeIfAbsent(index, i -> new Slot());
        long[] total = window.get(key);
        if (total == null) {
            if (window.size() >= maxKeys) {
                slot.untracked++;
                untracked++;
                return;
            }
            total = new long[2];
            window.put(key, total);
        }
        total[0] += amount;
        total[1]++;
        long[] own = slot.amounts.computeIfAbsent(key, k -> new long[2]);
        own[0] += amount;
        own[1]++;
    }

    /** A slot has expired once it ends at or before the start of the window that ends at {@code now}. */
    private boolean isExpired(long index, long nowMicros) {
        return (index + 1) * slotMicros <= nowMicros - windowMicros;
    }

    /** Removes the slots that no longer overlap the window ending at {@code nowMicros}. */
    void expire(long nowMicros) {
        newestMicros = Math.max(newestMicros, nowMicros);
        for (Iterator<Map.Entry<Long, Slot>> it = slots.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Slot> entry = it.next();
            if (!isExpired(entry.getKey(), newestMicros)) {
                break;
            }
            Slot slot = entry.getValue();
            for (Map.Entry<Long, long[]> own : slot.amounts.entrySet()) {
                long[] total = window.get(own.getKey());
                total[0] -= own.getValue()[0];
                total[1] -= own.getValue()[1];
                if (total[1] == 0) {
                    window.remove(own.getKey());
                }
            }
            untracked -= slot.untracked;
            it.remove();
        }
    }

    /** Distinct keys in the window ending at {@code nowMicros}. */
    int distinctKeys(long nowMicros) {
        expire(nowMicros);
        return window.size();
    }

    /** Each key's amount in the window ending at {@code nowMicros}. */
    Map<Long, Long> amounts(long nowMicros) {
        expire(nowMicros);
        Map<Long, Long> copy = new HashMap<>();
        for (Map.Entry<Long, long[]> e : window.entrySet()) {
            copy.put(e.getKey(), e.getValue()[0]);
        }
        return copy;
    }

    /** Packets in the window that were not counted because {@code maxKeys} keys were already held. */
    long untrackedPackets(long nowMicros) {
        expire(nowMicros);
        return untracked;
    }

    long windowMicros() {
        return windowMicros;
    }

    long slotMicros() {
        return slotMicros;
    }
}
