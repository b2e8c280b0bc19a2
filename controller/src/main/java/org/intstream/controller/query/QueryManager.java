package org.intstream.controller.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.controller.store.QueryRecord;
import org.intstream.controller.store.QueryStore;
import org.intstream.controller.store.SimpleQueryStore;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.PlanSplitter;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.ScanNode;

/**
 * The queries the controller runs: submitted as text with parameters, checked and split (a query that can't
 * be split is refused with the reason), kept in a {@link QueryStore}, listed, removed. After a restart
 * {@link #restore()} deploys the stored definitions again with their versions, and new submissions continue
 * after the highest version ever stored. Listeners hear each change after it is made. Thread-safe.
 */
public final class QueryManager {
    private final QueryStore store;
    private final Map<String, DeployedQuery> queries = new LinkedHashMap<>();
    private final List<QueryListener> listeners = new CopyOnWriteArrayList<>();
    private final PlanSplitter.Sides sides;
    private long nextVersion;

    /** A manager splitting every query for observation points on the given sides. */
    public QueryManager(QueryStore store, PlanSplitter.Sides sides) {
        if (sides == null) {
            throw new IllegalArgumentException("the observation sides can't be null");
        }
        this.store = store;
        this.sides = sides;
        this.nextVersion = store.lastVersion() + 1;
    }

    /** Queries observed on the side their key names ({@link PlanSplitter.Sides#BY_KEY}). */
    public QueryManager(QueryStore store) {
        this(store, PlanSplitter.Sides.BY_KEY);
    }

    /** A manager whose queries live in memory only. */
    public QueryManager() {
        this(new SimpleQueryStore());
    }

    public void addListener(QueryListener listener) {
        listeners.add(listener);
    }

    /**
     * Deploys the stored definitions that are not running yet, in their submission order, with their stored
     * versions. A definition that no longer compiles stays stored (a later build may take it again) and is
     * named in the returned problems.
     *
     * @return one line per definition that could not be deployed
     */
    public List<String> restore() {
        List<String> problems = new ArrayList<>();
        for (QueryRecord r : store.queries()) {
            DeployedQuery q;
            synchronized (this) {
                if (queries.containsKey(r.name())) {
                    continue;
                }
                try {
                    q = DeployedQuery.compile(r.text(), r.parameters(), r.version(), sides)
                            .withEstimatesAllowed(r.estimatesAllowed());
                } catch (QueryException e) {
                    problems.add("stored query '" + r.name() + "' v" + r.version() + " no longer compiles: "
                            + e.getMessage());
                    continue;
                }
                if (!q.name().equals(r.name())) {
                    problems.add("stored query '" + r.name() + "' v" + r.version() + " now compiles as '" + q.name()
                            + "'; not deployed");
                    continue;
                }
                queries.put(q.name(), q);
                nextVersion = Math.max(nextVersion, q.version() + 1);
            }
            for (QueryListener l : listeners) {
                l.deployed(q);
            }
        }
        return problems;
    }

    /**
     * Deploys a query, replacing none: a query of the same name must be removed first. The definition is
     * stored before anyone hears of it. A running query whose output it reads and that its text does not
     * give ({@code tcp_rtt}, for {@code tcp_retransmission}) is put before it in its text, so a join with
     * its rows can run at the points, which then run that query for it too.
     *
     * @throws QueryException when the query is wrong, can't be split, or its name is taken
     * @throws org.intstream.controller.store.StoreException when it can't be stored (it is not deployed)
     */
    public DeployedQuery submit(String text, Map<String, String> parameters) {
        return submit(text, parameters, false);
    }

    /**
     * As {@link #submit(String, Map)}, with the submitter's leave for switches' estimates (count-min, Bloom) to
     * stand in for an exact query where placement puts queries on switches alone.
     */
    public DeployedQuery submit(String text, Map<String, String> parameters, boolean estimatesAllowed) {
        DeployedQuery q;
        synchronized (this) {
            long version = nextVersion;
            q = DeployedQuery.compile(withRunningReads(text), parameters, version, sides)
                    .withEstimatesAllowed(estimatesAllowed);
            if (queries.containsKey(q.name())) {
                throw new QueryException(null, "query '" + q.name() + "' is already running; remove it first");
            }
            store.put(new QueryRecord(q.name(), q.version(), q.text(), q.parameters(), estimatesAllowed));
            nextVersion++;
            queries.put(q.name(), q);
        }
        for (QueryListener l : listeners) {
            l.deployed(q);
        }
        return q;
    }

    /** The text with the texts of the running single queries its last query reads but it does not give. */
    private String withRunningReads(String text) {
        List<QueryDefinition> defs;
        try {
            defs = DslParser.parse(text);
        } catch (QueryException e) {
            return text; // compiling it says what is wrong
        }
        if (defs.isEmpty()) {
            return text;
        }
        Set<String> given = new HashSet<>();
        defs.forEach(d -> given.add(d.name()));
        StringBuilder before = new StringBuilder();
        for (LogicalPlan node : PlanKinds.postOrder(defs.get(defs.size() - 1).plan())) {
            if (node instanceof ScanNode && !((ScanNode) node).isPackets() && !((ScanNode) node).isProbe()) {
                DeployedQuery running = queries.get(((ScanNode) node).stream());
                if (running != null && given.add(running.name()) && DslParser.parse(running.text()).size() == 1) {
                    before.append(running.text().strip()).append('\n');
                }
            }
        }
        return before.length() == 0 ? text : before + text;
    }

    /**
     * Removes a query; returns it, or null when none of that name runs.
     *
     * @throws org.intstream.controller.store.StoreException when the removal can't be stored (it still runs)
     */
    public DeployedQuery remove(String name) {
        DeployedQuery q;
        synchronized (this) {
            if (!queries.containsKey(name)) {
                return null;
            }
            store.remove(name);
            q = queries.remove(name);
        }
        for (QueryListener l : listeners) {
            l.removed(q);
        }
        return q;
    }

    /** The sides every query is split for. */
    public PlanSplitter.Sides sides() {
        return sides;
    }

    public synchronized DeployedQuery get(String name) {
        return queries.get(name);
    }

    /** The running queries in submission order. */
    public synchronized List<DeployedQuery> list() {
        return new ArrayList<>(queries.values());
    }
}
