package org.intstream.agent.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.intstream.agent.measure.CounterKeyType;
import org.intstream.agent.measure.FilterChain;
import org.intstream.agent.measure.Increment;
import org.intstream.agent.measure.MeasurementCounter;
import org.intstream.agent.measure.MeasurementException;
import org.intstream.agent.measure.MeasurementSketch;
import org.intstream.agent.measure.Protocol;
import org.intstream.agent.measure.SketchFilter;
import org.intstream.agent.measure.SketchTable;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.SketchConfig;
import org.intstream.proto.agent.SketchCounterConfig;
import org.intstream.proto.agent.SketchQuery;
import org.intstream.proto.agent.SketchSnapshot;

/**
 * The measurement-API sketches of an overlay tree. Configuration flows down: every sketch an agent with
 * children holds (configured through its API, or given by its own parent) is configured the same way on each
 * child, which keeps its own id for it and maps the parent's; a child that joins is sent all of them, and a
 * change or a deletion is sent again whole. Contents flow up on demand: when an agent's API is asked about a
 * counter, it asks each connected child for its subtree's counter (the child asks its own children the same
 * way within a shorter budget) and merges their answers with its own.
 *
 * <p>Thread-safe; API threads, the upstream stream and the children's streams call it.
 */
final class TreeSketches {
    /** A child's share of the budget its parent gave: the rest covers the answer's trip back. */
    private static final double CHILD_BUDGET_SHARE = 0.75;

    private final String self;
    private final Consumer<String> log;
    private volatile SketchTable table;
    private volatile ChildStreamService children;
    private final Map<Integer, Integer> fromParent = new HashMap<>();
    private final Set<Integer> configuredSinceWelcome = new HashSet<>();
    private final AtomicLong requests = new AtomicLong();
    private final Map<Long, Gathering> gatherings = new ConcurrentHashMap<>();

    TreeSketches(String self, Consumer<String> log) {
        this.self = self;
        this.log = log;
    }

    /** The agent's own sketches; without them it only relays its children's. */
    void attach(SketchTable table) {
        this.table = table;
    }

    void attach(ChildStreamService children) {
        this.children = children;
    }

    SketchTable table() {
        return table;
    }

    /** One of this agent's sketches as its children must hold it; deleted when it no longer exists. */
    SketchConfig configOf(int localId) {
        SketchConfig.Builder b = SketchConfig.newBuilder().setSketchId(localId);
        SketchTable t = table;
        try {
            if (t == null) {
                return b.setDeleted(true).build();
            }
            MeasurementSketch s = t.sketch(localId);
            b.setChain(s.filter().chain().name())
                    .setProtocol(s.filter().protocol() == null ? "" : s.filter().protocol().text());
            for (MeasurementCounter c : s.counters()) {
                b.addCounters(SketchCounterConfig.newBuilder().setKeyType(c.keyType().text())
                        .setIncrement(c.increment().text()));
            }
            return b.build();
        } catch (MeasurementException e) {
            return b.setDeleted(true).build();
        }
    }

    /** Every sketch this agent holds, for a joining child. */
    List<ControllerMessage> allConfigs() {
        List<ControllerMessage> out = new ArrayList<>();
        SketchTable t = table;
        if (t != null) {
            for (int id : t.ids()) {
                out.add(ControllerMessage.newBuilder().setSketchConfig(configOf(id)).build());
            }
        }
        return out;
    }

    /** A sketch of this agent was configured, changed or deleted: its children get it. */
    void localChanged(int localId) {
        ChildStreamService c = children;
        if (c != null) {
            c.broadcast(ControllerMessage.newBuilder().setSketchConfig(configOf(localId)).build());
        }
    }

    /** Applies the parent's sketch here (and so in this agent's subtree). */
    void applyFromParent(SketchConfig c) {
        SketchTable t = table;
        if (t == null) {
            return;
        }
        Integer changed = null;
        synchronized (this) {
            configuredSinceWelcome.add(c.getSketchId());
            Integer local = fromParent.get(c.getSketchId());
            try {
                if (c.getDeleted()) {
                    if (local != null) {
                        fromParent.remove(c.getSketchId());
                        t.removeSketch(local);
                        changed = local;
                    }
                } else {
                    SketchFilter filter = filter(c);
                    if (local != null && !t.sketch(local).filter().equals(filter)) {
                        t.removeSketch(local);
                        localChanged(local);
                        local = null;
                    }
                    if (local == null) {
                        local = t.addSketch(filter);
                        fromParent.put(c.getSketchId(), local);
                        log.accept("sketch " + local + " configured by the parent (its sketch " + c.getSketchId() + "): "
                                + filter);
                    }
                    for (SketchCounterConfig counter : c.getCountersList()) {
                        if (t.addCounter(local, keyType(counter.getKeyType()), increment(counter.getIncrement()))) {
                            log.accept("sketch " + local + ": counter " + counter.getKeyType() + " by "
                                    + counter.getIncrement() + " configured by the parent");
                        }
                    }
                    changed = local;
                }
            } catch (MeasurementException | IllegalArgumentException e) {
                log.accept("can't hold the parent's sketch " + c.getSketchId() + ": " + e.getMessage());
            }
        }
        if (changed != null) {
            localChanged(changed);
        }
    }

    /** The parent welcomed this agent again: its sketches it did not configure since are gone there. */
    void parentWelcomed() {
        SketchTable t = table;
        List<Integer> dropped = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<Integer, Integer> e : new ArrayList<>(fromParent.entrySet())) {
                if (!configuredSinceWelcome.contains(e.getKey())) {
                    fromParent.remove(e.getKey());
                    dropped.add(e.getValue());
                }
            }
            configuredSinceWelcome.clear();
        }
        for (int local : dropped) {
            try {
                t.removeSketch(local);
            } catch (MeasurementException e) {
                // Deleted here already.
            }
            log.accept("sketch " + local + " deleted: the parent no longer holds it");
            localChanged(local);
        }
    }

    private static SketchFilter filter(SketchConfig c) {
        FilterChain chain = FilterChain.byName(c.getChain());
        if (chain == null) {
            throw new IllegalArgumentException("unknown chain '" + c.getChain() + "'");
        }
        Protocol protocol = null;
        if (!c.getProtocol().isEmpty()) {
            protocol = Protocol.byName(c.getProtocol());
            if (protocol == null) {
                throw new IllegalArgumentException("unknown protocol '" + c.getProtocol() + "'");
            }
        }
        return new SketchFilter(chain, protocol);
    }

    static CounterKeyType keyType(String text) {
        CounterKeyType k = CounterKeyType.byName(text);
        if (k == null) {
            throw new IllegalArgumentException("unknown counter key type '" + text + "'");
        }
        return k;
    }

    private static Increment increment(String text) {
        Increment i = Increment.byName(text);
        if (i == null) {
            throw new IllegalArgumentException("unknown increment '" + text + "'");
        }
        return i;
    }

    /**
     * One counter over this agent's subtree: its own and every child's answer within the budget; a child that
     * is lost (less than the forget time ago) or does not answer in time is counted as asked and not answered.
     *
     * @throws MeasurementException when this agent has no such sketch or counter
     */
    SubtreeCounter gather(int localId, CounterKeyType keyType, long budgetMillis) throws MeasurementException {
        SubtreeCounter merged = new SubtreeCounter(keyType);
        SketchTable t = table;
        if (t != null) {
            merged.add(self, t.counter(localId, keyType).contents(t.nowMicros()));
        }
        ChildStreamService c = children;
        if (c == null) {
            return merged;
        }
        // A child lost a short while ago is asked too, so the answer says it is missing.
        Set<String> asked = c.expected(System.currentTimeMillis());
        if (asked.isEmpty()) {
            return merged;
        }
        long id = requests.incrementAndGet();
        Gathering g = new Gathering(asked);
        gatherings.put(id, g);
        try {
            SketchQuery q = SketchQuery.newBuilder().setRequestId(id).setSketchId(localId).setKeyType(keyType.text())
                    .setBudgetMillis((long) (budgetMillis * CHILD_BUDGET_SHARE)).build();
            for (String child : asked) {
                if (!c.sendTo(child, ControllerMessage.newBuilder().setSketchQuery(q).build())) {
                    g.answer(child, null);
                }
            }
            try {
                g.done.await(budgetMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            gatherings.remove(id);
        }
        synchronized (g) {
            for (String child : asked) {
                SketchSnapshot s = g.answers.get(child);
                if (s == null || !s.getError().isEmpty()) {
                    if (s != null) {
                        log.accept("child " + child + " could not answer for sketch " + localId + ": " + s.getError());
                    }
                    merged.missing(child);
                } else {
                    try {
                        merged.add(s);
                    } catch (IllegalArgumentException e) {
                        log.accept("child " + child + "'s answer can't be merged: " + e.getMessage());
                        merged.missing(child);
                    }
                }
            }
        }
        return merged;
    }

    /** A child's answer to a query this agent sent. */
    void onSnapshot(String child, SketchSnapshot s) {
        Gathering g = gatherings.get(s.getRequestId());
        if (g != null) {
            g.answer(child, s);
        }
    }

    /** Answers the parent's query with this subtree's counter (an error when this agent lacks the sketch). */
    SketchSnapshot answer(SketchQuery q) {
        Integer local;
        synchronized (this) {
            local = fromParent.get(q.getSketchId());
        }
        SketchSnapshot.Builder error = SketchSnapshot.newBuilder().setRequestId(q.getRequestId()).addAskedPoints(self);
        if (local == null) {
            return error.setError("agent " + self + " holds no copy of the parent's sketch " + q.getSketchId()).build();
        }
        try {
            return gather(local, keyType(q.getKeyType()), q.getBudgetMillis()).toSnapshot(q.getRequestId());
        } catch (MeasurementException | IllegalArgumentException e) {
            return error.setError("agent " + self + ": " + e.getMessage()).build();
        }
    }

    /** Answers awaited from the children asked. */
    private static final class Gathering {
        final Set<String> waiting;
        final Map<String, SketchSnapshot> answers = new HashMap<>();
        final CountDownLatch done;

        Gathering(Set<String> asked) {
            this.waiting = new HashSet<>(asked);
            this.done = new CountDownLatch(1);
        }

        synchronized void answer(String child, SketchSnapshot s) {
            if (waiting.remove(child) && s != null) {
                answers.put(child, s);
            }
            if (waiting.isEmpty()) {
                done.countDown();
            }
        }
    }
}
