package org.intstream.controller.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.query.QueryException;

/**
 * The queries the controller runs: submitted as text with parameters, checked and split (a query that can't
 * be split is refused with the reason), listed, removed. Listeners hear each change after it is made.
 * Thread-safe.
 */
public final class QueryManager {
    private final Map<String, DeployedQuery> queries = new LinkedHashMap<>();
    private final List<QueryListener> listeners = new CopyOnWriteArrayList<>();
    private long nextVersion = 1;

    public void addListener(QueryListener listener) {
        listeners.add(listener);
    }

    /**
     * Deploys a query, replacing none: a query of the same name must be removed first.
     *
     * @throws QueryException when the query is wrong, can't be split, or its name is taken
     */
    public DeployedQuery submit(String text, Map<String, String> parameters) {
        DeployedQuery q;
        synchronized (this) {
            long version = nextVersion;
            q = DeployedQuery.compile(text, parameters, version);
            if (queries.containsKey(q.name())) {
                throw new QueryException(null, "query '" + q.name() + "' is already running; remove it first");
            }
            nextVersion++;
            queries.put(q.name(), q);
        }
        for (QueryListener l : listeners) {
            l.deployed(q);
        }
        return q;
    }

    /** Removes a query; returns it, or null when none of that name runs. */
    public DeployedQuery remove(String name) {
        DeployedQuery q;
        synchronized (this) {
            q = queries.remove(name);
        }
        if (q != null) {
            for (QueryListener l : listeners) {
                l.removed(q);
            }
        }
        return q;
    }

    public synchronized DeployedQuery get(String name) {
        return queries.get(name);
    }

    /** The running queries in submission order. */
    public synchronized List<DeployedQuery> list() {
        return new ArrayList<>(queries.values());
    }
}
