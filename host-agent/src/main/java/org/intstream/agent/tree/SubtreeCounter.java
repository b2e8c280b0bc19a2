package org.intstream.agent.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.intstream.agent.measure.CounterContents;
import org.intstream.agent.measure.CounterKeyType;
import org.intstream.engine.sketch.SketchHashes;
import org.intstream.proto.agent.KeyAmount;
import org.intstream.proto.agent.SketchSnapshot;

/**
 * One measurement counter summed over the agents of a subtree that hold it with the same configuration:
 * count-min cells cell by cell (every agent's sketch has the same shape and the switch's hashes), totals and
 * real-time amounts added, heavy-hitter candidates united. The result answers as one agent's counter would
 * for all their packets: estimates never below the exact subtree-wide amount, and no heavy hitter missing (a
 * key at or above a fraction of the summed total is at or above it at one agent at least, and every agent's
 * candidates hold such keys). Not thread-safe.
 */
final class SubtreeCounter {
    private final CounterKeyType keyType;
    private long[][] cells;
    private long total;
    private final Set<Long> candidates = new HashSet<>();
    private final Map<Long, Long> realTime = new HashMap<>();
    private long untracked;
    private long windowMicros;
    private final Set<String> answered = new TreeSet<>();
    private final Set<String> asked = new TreeSet<>();

    SubtreeCounter(CounterKeyType keyType) {
        this.keyType = keyType;
    }

    /** Adds one agent's own counter. */
    void add(String agent, CounterContents c) {
        addCells(c.cells());
        total += c.total();
        candidates.addAll(c.candidates());
        c.realTime().forEach((k, v) -> realTime.merge(k, v, Long::sum));
        untracked += c.untrackedPackets();
        windowMicros = Math.max(windowMicros, c.realTimeWindowMicros());
        answered.add(agent);
        asked.add(agent);
    }

    /** Adds a child's answer for its subtree. */
    void add(SketchSnapshot s) {
        if (s.getRows() > 0) {
            long[][] theirs = new long[s.getRows()][s.getWidth()];
            if (s.getCellsCount() != s.getRows() * s.getWidth()) {
                throw new IllegalArgumentException("a snapshot of " + s.getRows() + "x" + s.getWidth() + " cells has "
                        + s.getCellsCount());
            }
            for (int r = 0; r < s.getRows(); r++) {
                for (int i = 0; i < s.getWidth(); i++) {
                    theirs[r][i] = s.getCells(r * s.getWidth() + i);
                }
            }
            addCells(theirs);
        }
        total += s.getTotal();
        candidates.addAll(s.getCandidateKeysList());
        for (KeyAmount a : s.getRealTimeList()) {
            realTime.merge(a.getKey(), a.getAmount(), Long::sum);
        }
        untracked += s.getRealTimeUntrackedPackets();
        windowMicros = Math.max(windowMicros, s.getRealTimeWindowMicros());
        answered.addAll(s.getAnsweredPointsList());
        asked.addAll(s.getAskedPointsList());
    }

    /** A child (or its subtree) that was asked and did not answer in time. */
    void missing(String child) {
        asked.add(child);
    }

    private void addCells(long[][] theirs) {
        if (cells == null) {
            cells = new long[theirs.length][];
            for (int r = 0; r < theirs.length; r++) {
                cells[r] = theirs[r].clone();
            }
            return;
        }
        if (theirs.length != cells.length || theirs[0].length != cells[0].length) {
            throw new IllegalArgumentException("count-min sketches of " + cells.length + "x" + cells[0].length
                    + " and " + theirs.length + "x" + theirs[0].length + " cells can't be merged: give every agent "
                    + "of the tree the same --sketch-rows and --sketch-width");
        }
        for (int r = 0; r < cells.length; r++) {
            for (int i = 0; i < cells[r].length; i++) {
                cells[r][i] += theirs[r][i];
            }
        }
    }

    /** The merged count-min estimate of a key: never below its exact amount over the agents that answered. */
    long estimate(long key) {
        if (cells == null) {
            return 0;
        }
        int[] widths = keyType.fieldWidths();
        long[] hi = new long[widths.length];
        long[] lo = new long[widths.length];
        keyType.fields(key, lo);
        int[] index = new int[cells.length];
        new SketchHashes(widths).indexes(hi, lo, cells.length, cells[0].length, index);
        long min = Long.MAX_VALUE;
        for (int r = 0; r < cells.length; r++) {
            min = Math.min(min, cells[r][index[r]]);
        }
        return min;
    }

    long total() {
        return total;
    }

    /** The standard count-min bound of the merged sketch: e/width of the total. */
    long errorBound() {
        return cells == null ? 0 : (long) Math.ceil(Math.E * total / cells[0].length);
    }

    /** Keys whose merged estimate is at least {@code fraction} of the total, largest first. */
    Map<String, Long> heavyHitters(double fraction) {
        double cut = fraction * total;
        List<long[]> hits = new ArrayList<>();
        for (long key : candidates) {
            long e = estimate(key);
            if (total > 0 && e >= cut) {
                hits.add(new long[] {key, e});
            }
        }
        return sorted(hits);
    }

    /** The summed real-time amounts, largest first. */
    Map<String, Long> realTime() {
        List<long[]> entries = new ArrayList<>();
        realTime.forEach((k, v) -> entries.add(new long[] {k, v}));
        return sorted(entries);
    }

    int realTimeKeys() {
        return realTime.size();
    }

    long untrackedPackets() {
        return untracked;
    }

    long realTimeWindowMicros() {
        return windowMicros;
    }

    Set<String> answered() {
        return answered;
    }

    Set<String> asked() {
        return asked;
    }

    /** The merge as a child's answer to its parent. */
    SketchSnapshot toSnapshot(long requestId) {
        SketchSnapshot.Builder b = SketchSnapshot.newBuilder().setRequestId(requestId).setTotal(total)
                .addAllCandidateKeys(candidates).setRealTimeUntrackedPackets(untracked)
                .setRealTimeWindowMicros(windowMicros).addAllAnsweredPoints(answered).addAllAskedPoints(asked);
        if (cells != null) {
            b.setRows(cells.length).setWidth(cells[0].length);
            for (long[] row : cells) {
                for (long v : row) {
                    b.addCells(v);
                }
            }
        }
        realTime.forEach((k, v) -> b.addRealTime(KeyAmount.newBuilder().setKey(k).setAmount(v)));
        return b.build();
    }

    private Map<String, Long> sorted(List<long[]> entries) {
        List<Map.Entry<String, Long>> named = new ArrayList<>();
        for (long[] e : entries) {
            named.add(Map.entry(keyType.format(e[0]), e[1]));
        }
        named.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        Map<String, Long> out = new LinkedHashMap<>();
        named.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
