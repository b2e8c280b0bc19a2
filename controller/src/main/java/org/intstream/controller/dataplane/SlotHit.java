package org.intstream.controller.dataplane;

import java.util.Arrays;
import java.util.Objects;

/**
 * One key a switch slot reported: which query, which epoch (window) and the key's masked 5-tuple values
 * (source, destination, protocol, source port, destination port; fields outside the key are zero).
 * Immutable.
 */
public final class SlotHit {
    private final String query;
    private final int slot;
    private final long epoch;
    private final long windowStartMicros;
    private final int[] key;

    public SlotHit(String query, int slot, long epoch, long windowStartMicros, int[] key) {
        this.query = query;
        this.slot = slot;
        this.epoch = epoch;
        this.windowStartMicros = windowStartMicros;
        this.key = key.clone();
    }

    public String query() {
        return query;
    }

    public int slot() {
        return slot;
    }

    public long epoch() {
        return epoch;
    }

    public long windowStartMicros() {
        return windowStartMicros;
    }

    /** The masked 5-tuple (a copy). */
    public int[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SlotHit)) {
            return false;
        }
        SlotHit h = (SlotHit) o;
        return query.equals(h.query) && slot == h.slot && epoch == h.epoch && Arrays.equals(key, h.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(query, slot, epoch, Arrays.hashCode(key));
    }

    @Override
    public String toString() {
        return query + "@" + windowStartMicros + " " + Arrays.toString(key);
    }
}
