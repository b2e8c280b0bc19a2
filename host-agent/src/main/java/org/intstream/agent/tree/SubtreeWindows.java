package org.intstream.agent.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.intstream.agent.stream.PartialRows;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.SubtreeCoverage;
import org.intstream.query.QueryException;

/**
 * An overlay-tree parent's windows: per query and window, its own partial and each child's, merged into one
 * partial for the whole subtree once every expected member (itself and its children, connected or lost less
 * than a while ago) has reported, or once the grace period has passed (counted from the later of the window's
 * end and its first report). Each member's window is taken once: a resend is a duplicate and a report after
 * its window went up is late; both are dropped. The merged partial carries its coverage (which points of the
 * subtree are in it whole, which were waited for) and is complete only when every one of them is.
 *
 * <p>A child's partial is acknowledged to it only once upstream has taken the merged partial holding it, so a
 * parent that stops loses nothing its children consider delivered; duplicates and refusals are acknowledged
 * at once. Thread-safe.
 */
final class SubtreeWindows {
    /** What became of a member's partial. */
    enum Taken { ACCEPTED, DUPLICATE, LATE, UNKNOWN_QUERY, MALFORMED }

    /** Sends a merged partial upward and returns its sequence number there. */
    interface Upstream {
        long send(Partial.Builder merged);
    }

    /** Acknowledges a child's partial to the child. */
    interface ChildAcks {
        void ack(String child, long sequence);
    }

    private static final int REMEMBERED_WINDOWS = 1024;

    private final String self;
    private final long graceMillis;
    private final Upstream upstream;
    private final ChildAcks acks;
    private final Consumer<String> log;
    private final Map<String, QueryWindows> queries = new HashMap<>();
    private final Map<Long, List<ChildPartial>> awaitingUpstream = new HashMap<>();
    private final Map<Taken, Long> counts = new java.util.EnumMap<>(Taken.class);

    SubtreeWindows(String self, long graceMillis, Upstream upstream, ChildAcks acks, Consumer<String> log) {
        if (graceMillis < 0) {
            throw new IllegalArgumentException("the tree's grace can't be negative: " + graceMillis);
        }
        this.self = self;
        this.graceMillis = graceMillis;
        this.upstream = upstream;
        this.acks = acks;
        this.log = log;
    }

    /** Merges the query's windows from now on (a new version replaces the old, whose waiting windows go). */
    synchronized void install(Install in) {
        QueryWindows q = queries.get(in.getQuery());
        if (q != null && q.version == in.getQueryVersion()) {
            return;
        }
        try {
            queries.put(in.getQuery(), new QueryWindows(PartialCombiner.of(in), in.getQueryVersion()));
        } catch (QueryException | IllegalArgumentException e) {
            queries.remove(in.getQuery());
            log.accept("can't merge the subtree's windows of " + in.getQuery() + ": " + e.getMessage());
        }
    }

    synchronized void remove(String query) {
        queries.remove(query);
    }

    /**
     * Takes one member's partial, then sends up what became ready.
     *
     * @param sequence the child's sequence number, acknowledged once upstream has the merge; -1 for this
     *     agent's own window
     * @param expected the members whose windows a window waits for
     */
    synchronized Taken accept(String member, Partial p, long sequence, Set<String> expected, long nowMillis) {
        String[] why = new String[1];
        Taken t = classify(member, p, why);
        if (t == Taken.ACCEPTED) {
            QueryWindows q = queries.get(p.getQuery());
            long start = windowStart(p);
            Pending w = q.pending.computeIfAbsent(start, s -> new Pending(s, s + p.getWindowUs(), nowMillis));
            w.partials.put(member, p);
            if (sequence >= 0) {
                w.children.add(new ChildPartial(member, sequence));
            }
        } else {
            if (t == Taken.MALFORMED || t == Taken.UNKNOWN_QUERY) {
                log.accept("dropped " + member + "'s partial of " + p.getQuery() + " (version " + p.getQueryVersion()
                        + ", window " + windowStart(p) + "): " + (t == Taken.MALFORMED ? "malformed: " + why[0]
                        : "not a query this agent merges"));
            }
            if (sequence >= 0) {
                acks.ack(member, sequence);
            }
        }
        counts.merge(t, 1L, Long::sum);
        release(expected, nowMillis);
        return t;
    }

    /** A whole partial's window start, microseconds (its window is aligned to its length). */
    private static long windowStart(Partial p) {
        return p.getWindow() * p.getWindowUs();
    }

    /** @param why set to what is wrong with a malformed partial */
    private Taken classify(String member, Partial p, String[] why) {
        QueryWindows q = queries.get(p.getQuery());
        if (q == null || q.version != p.getQueryVersion()) {
            return Taken.UNKNOWN_QUERY;
        }
        long size = q.combiner.windowMicros();
        if (p.getWindowUs() != size) {
            why[0] = "windows of " + p.getWindowUs() + " us, the query's are " + size;
            return Taken.MALFORMED;
        }
        try {
            List<Object[]> rows = PartialRows.of(p);
            for (int r = 0; r < rows.size(); r++) {
                String m = q.combiner.mismatch(rows.get(r));
                if (m != null) {
                    why[0] = "row " + r + ": " + m;
                    return Taken.MALFORMED;
                }
            }
        } catch (IllegalArgumentException e) {
            why[0] = e.getMessage();
            return Taken.MALFORMED;
        }
        long start = windowStart(p);
        if (start < q.publishedUpTo) {
            Set<String> took = q.published.get(start);
            return took != null && took.contains(member) ? Taken.DUPLICATE : Taken.LATE;
        }
        Pending w = q.pending.get(start);
        return w != null && w.partials.containsKey(member) ? Taken.DUPLICATE : Taken.ACCEPTED;
    }

    /** Sends up the windows whose grace has passed (and those ready behind them). */
    synchronized void expire(Set<String> expected, long nowMillis) {
        release(expected, nowMillis);
    }

    /** Upstream took a merged partial: the children's partials in it are acknowledged to them. */
    void upstreamAcknowledged(long sequence) {
        List<ChildPartial> taken;
        synchronized (this) {
            taken = awaitingUpstream.remove(sequence);
        }
        if (taken != null) {
            for (ChildPartial c : taken) {
                acks.ack(c.child, c.sequence);
            }
        }
    }

    /** How many members' partials ended how. */
    synchronized long count(Taken t) {
        return counts.getOrDefault(t, 0L);
    }

    /** Windows waiting for members. */
    synchronized int pendingWindows() {
        int n = 0;
        for (QueryWindows q : queries.values()) {
            n += q.pending.size();
        }
        return n;
    }

    private void release(Set<String> expected, long nowMillis) {
        for (QueryWindows q : queries.values()) {
            while (!q.pending.isEmpty()) {
                Pending first = q.pending.firstEntry().getValue();
                boolean ready = first.partials.keySet().containsAll(expected);
                long deadline = Math.max(first.end / 1000, first.firstSeenMillis) + graceMillis;
                if (!ready && nowMillis < deadline) {
                    break;
                }
                q.pending.pollFirstEntry();
                sendUp(q, first, expected);
            }
        }
    }

    private void sendUp(QueryWindows q, Pending w, Set<String> expected) {
        Set<String> complete = new TreeSet<>();
        Set<String> waitedFor = new TreeSet<>();
        Set<String> notes = new TreeSet<>();
        List<List<Object[]>> rows = new ArrayList<>();
        long packets = 0;
        long bytes = 0;
        long drops = 0;
        boolean approximate = false;
        for (Map.Entry<String, Partial> e : w.partials.entrySet()) {
            Partial p = e.getValue();
            if (p.hasCoverage()) {
                complete.addAll(p.getCoverage().getCompletePointsList());
                waitedFor.addAll(p.getCoverage().getExpectedPointsList());
            } else {
                waitedFor.add(e.getKey());
                if (!p.getIncomplete()) {
                    complete.add(e.getKey());
                }
            }
            // Read and checked against the columns' types on arrival (classify): they merge.
            rows.add(PartialRows.of(p));
            packets += p.getPackets();
            bytes += p.getBytes();
            drops += p.getCaptureDrops();
            approximate |= p.getApproximate();
            p.getNotesList().stream().filter(n -> !n.startsWith("subtree of ")).forEach(notes::add);
        }
        for (String member : expected) {
            if (!w.partials.containsKey(member)) {
                waitedFor.add(member);
            }
        }
        boolean whole = complete.containsAll(waitedFor);
        long size = q.combiner.windowMicros();
        Partial.Builder merged = Partial.newBuilder().setQuery(q.combiner.query()).setQueryVersion(q.version)
                .setWindowUs(size).setWindow(w.start / size).setIncomplete(!whole).setPackets(packets)
                .setBytes(bytes).setCaptureDrops(drops).setApproximate(approximate)
                .setCoverage(SubtreeCoverage.newBuilder().addAllCompletePoints(complete).addAllExpectedPoints(waitedFor));
        PartialRows.set(merged, q.combiner.combine(rows));
        notes.addAll(coverageNotes(complete, waitedFor));
        merged.addAllNotes(notes);
        long sequence = upstream.send(merged);
        if (!w.children.isEmpty()) {
            awaitingUpstream.put(sequence, w.children);
        }
        q.publishedUpTo = w.end;
        q.published.put(w.start, new TreeSet<>(w.partials.keySet()));
        while (q.published.size() > REMEMBERED_WINDOWS) {
            q.published.pollFirstEntry();
        }
    }

    /** The coverage as a note the controller keeps with the window, when some point is missing or incomplete. */
    private List<String> coverageNotes(Set<String> complete, Set<String> waitedFor) {
        if (complete.containsAll(waitedFor)) {
            return List.of();
        }
        Set<String> short_ = new TreeSet<>(waitedFor);
        short_.removeAll(complete);
        return List.of("subtree of " + self + ": " + complete.size() + "/" + waitedFor.size()
                + " points complete; missing or incomplete: " + String.join(", ", short_));
    }

    private static final class QueryWindows {
        final PartialCombiner combiner;
        final long version;
        final TreeMap<Long, Pending> pending = new TreeMap<>();
        final TreeMap<Long, Set<String>> published = new TreeMap<>();
        long publishedUpTo = Long.MIN_VALUE;

        QueryWindows(PartialCombiner combiner, long version) {
            this.combiner = combiner;
            this.version = version;
        }
    }

    private static final class Pending {
        final long start;
        final long end;
        final long firstSeenMillis;
        final Map<String, Partial> partials = new TreeMap<>();
        final List<ChildPartial> children = new ArrayList<>();

        Pending(long start, long end, long firstSeenMillis) {
            this.start = start;
            this.end = end;
            this.firstSeenMillis = firstSeenMillis;
        }
    }

    private record ChildPartial(String child, long sequence) {
    }
}
