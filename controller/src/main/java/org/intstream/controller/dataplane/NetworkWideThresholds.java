package org.intstream.controller.dataplane;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.intstream.controller.merge.PartialReport;
import org.intstream.query.partition.DistributedPlan;

/**
 * Decides each query's thresholds over all the switches it runs on (DESIGN.md, "Placement"). Each of the
 * {@code k} switches reports keys over the local threshold {@code T/k} ({@link LocalThreshold}): the candidates.
 * Once every switch running the query has read an epoch, their sketches are added cell by cell
 * ({@link MergedSketch}) and every candidate reported by any switch is valued by its network-wide estimate.
 * A key over {@code T} network-wide is over {@code T/k} at some switch, so the candidates hold every key of the
 * answer, and the merged estimate is never below a key's count: no key over {@code T} is missed.
 *
 * <p>The epoch goes to the query's merge as one partial report per switch (so coverage still counts each
 * switch): the first switch's carries the candidates' rows, each switch's carries its own packets, bytes and
 * completeness. A point-local query's rows are its answer, so only candidates whose estimate is over {@code T}
 * are kept; a merged query's global stage adds the agents' counts and applies {@code T} to the total itself.
 * Sketches that can't be added cell by cell are refused (the reason goes to each switch's last error); the
 * candidates are then valued by the sum of each switch's own estimate, which is never below the count either.
 * One per controller; thread-safe.
 */
public final class NetworkWideThresholds {
    /** Readings waiting for the other switches, by query name, version and epoch. */
    private final Map<Epoch, Map<String, SwitchEpoch>> waiting = new TreeMap<>();
    private long sequence;

    /** Reads the switches' ended epochs and returns the partial reports of every epoch all its switches have read. */
    public synchronized List<PartialReport> advance(Collection<SwitchRuntime> switches) {
        for (SwitchRuntime sw : switches) {
            for (SwitchEpoch e : sw.readEndedEpochs()) {
                waiting.computeIfAbsent(new Epoch(e.query.name(), e.query.version(), e.epoch), x -> new TreeMap<>())
                        .put(e.switchName, e);
            }
        }
        List<PartialReport> out = new ArrayList<>();
        var it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Epoch, Map<String, SwitchEpoch>> w = it.next();
            if (readByAll(w.getKey(), w.getValue(), switches)) {
                out.addAll(decide(new ArrayList<>(w.getValue().values()), switches));
                it.remove();
            }
        }
        return out;
    }

    /** Epochs waiting for some switch's reading. */
    public synchronized int waitingEpochs() {
        return waiting.size();
    }

    private static boolean readByAll(Epoch e, Map<String, SwitchEpoch> read, Collection<SwitchRuntime> switches) {
        for (SwitchRuntime sw : switches) {
            if (!read.containsKey(sw.name()) && sw.covers(e.query, e.version, e.epoch)) {
                return false;
            }
        }
        return true;
    }

    /** The partial reports of one epoch read by every switch running its query (sorted by switch name). */
    private List<PartialReport> decide(List<SwitchEpoch> readings, Collection<SwitchRuntime> switches) {
        SwitchEpoch first = readings.get(0);
        Map<List<Integer>, int[]> candidates = new LinkedHashMap<>();
        for (SwitchEpoch r : readings) {
            for (int[] key : r.keys) {
                candidates.putIfAbsent(asList(key), key);
            }
        }
        boolean pointLocal = first.query.plan().mode() == DistributedPlan.Mode.POINT_LOCAL;
        long threshold = first.rows.stage().threshold();
        List<Object[]> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        MergedSketch merged = null;
        if (readings.size() == 1) {
            notes.add("switch " + first.switchName + ": values are count-min estimates");
        } else {
            try {
                merged = MergedSketch.of(readings);
            } catch (IllegalArgumentException e) {
                for (SwitchRuntime sw : switches) {
                    if (readings.stream().anyMatch(r -> r.switchName.equals(sw.name()))) {
                        sw.noteError(e.getMessage());
                    }
                }
                notes.add("switches " + names(readings) + ": sketches not merged (" + e.getMessage()
                        + "); values are sums of each switch's count-min estimate");
            }
            if (merged != null) {
                notes.add("switches " + names(readings) + ": network-wide count-min estimates (cells added over "
                        + readings.size() + " switches) of the keys some switch reported over its local threshold; "
                        + "never under the count; over it by at most " + merged.errorBound()
                        + " (e/width of the epoch's total) were the rows independent (CRC rows are not)");
            }
        }
        for (SwitchEpoch r : readings) {
            if (r.clockNote != null) {
                notes.add(r.clockNote);
            }
        }
        for (int[] key : candidates.values()) {
            long value = merged != null ? merged.estimate(key) : sumOfEstimates(readings, key);
            if (!pointLocal || value > threshold) {
                rows.add(first.rows.row(key, value));
            }
        }
        List<PartialReport> out = new ArrayList<>();
        for (SwitchEpoch r : readings) {
            out.add(new PartialReport(r.reporter, r.query.name(), r.query.version(), ++sequence, r.windowStart(),
                    r.windowEnd(), r == first ? rows : List.of(), r.complete, r.packets(), r.bytes(), 0, true,
                    notes));
        }
        return out;
    }

    private static long sumOfEstimates(List<SwitchEpoch> readings, int[] key) {
        long sum = 0;
        for (SwitchEpoch r : readings) {
            sum += r.sketch.estimate(key[0], key[1], key[2], key[3], key[4]);
        }
        return sum;
    }

    private static String names(List<SwitchEpoch> readings) {
        List<String> names = new ArrayList<>();
        for (SwitchEpoch r : readings) {
            names.add(r.switchName);
        }
        return String.join(", ", names);
    }

    private static List<Integer> asList(int[] key) {
        List<Integer> l = new ArrayList<>(key.length);
        for (int v : key) {
            l.add(v);
        }
        return l;
    }

    /** A query version's epoch, ordered by query, version and epoch. */
    private static final class Epoch implements Comparable<Epoch> {
        final String query;
        final long version;
        final long epoch;

        Epoch(String query, long version, long epoch) {
            this.query = query;
            this.version = version;
            this.epoch = epoch;
        }

        @Override
        public int compareTo(Epoch o) {
            int c = query.compareTo(o.query);
            if (c != 0) {
                return c;
            }
            c = Long.compare(version, o.version);
            return c != 0 ? c : Long.compare(epoch, o.epoch);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Epoch && compareTo((Epoch) o) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(query, version, epoch);
        }

        @Override
        public String toString() {
            return query + " v" + version + " epoch " + epoch;
        }
    }
}
