package org.intstream.agent.measure;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/**
 * The keys that may be heavy hitters of a count-min sketch, which cannot list its keys itself.
 *
 * <p>A key joins whenever an update leaves its estimate at or above {@code floor} times the stream's total
 * so far. No key whose exact count ends at or above {@code floor} of the final total can be missing: at its
 * last update its estimate was already at least its final count, and the total at most the final total.
 * Keys whose estimate has fallen below the floor are pruned when the set outgrows twice what it held after
 * the last pruning (and at least {@code 2 / floor}); a pruned key that grows again rejoins on its next
 * update, so the guarantee holds through pruning.
 */
final class HeavyHitterCandidates {
    private final double floor;
    private final int minimumLimit;
    private final Set<Long> keys = new HashSet<>();
    private int limit;

    HeavyHitterCandidates(double floor) {
        this.floor = floor;
        this.minimumLimit = (int) Math.min(1 << 20, Math.ceil(2 / floor));
        this.limit = minimumLimit;
    }

    /** Called after each update with the key's new estimate and the new total. */
    void offer(long key, long estimate, long total, LongUnaryOperator estimates) {
        if (estimate >= floor * total) {
            keys.add(key);
            if (keys.size() > limit) {
                prune(total, estimates);
            }
        }
    }

    private void prune(long total, LongUnaryOperator estimates) {
        double cut = floor * total;
        for (Iterator<Long> it = keys.iterator(); it.hasNext(); ) {
            if (estimates.applyAsLong(it.next()) < cut) {
                it.remove();
            }
        }
        limit = Math.max(minimumLimit, 2 * keys.size());
    }

    /** The candidates, a superset of the keys at or above the floor. */
    Set<Long> keys() {
        return keys;
    }

    void clear() {
        keys.clear();
        limit = minimumLimit;
    }
}
