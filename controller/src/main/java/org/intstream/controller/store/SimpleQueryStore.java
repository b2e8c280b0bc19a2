package org.intstream.controller.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A query store in memory: nothing survives the process. The default when no state is configured. */
public final class SimpleQueryStore implements QueryStore {
    private final Map<String, QueryRecord> queries = new LinkedHashMap<>();
    private long lastVersion;

    @Override
    public synchronized List<QueryRecord> queries() {
        return new ArrayList<>(queries.values());
    }

    @Override
    public synchronized long lastVersion() {
        return lastVersion;
    }

    @Override
    public synchronized void put(QueryRecord query) {
        queries.remove(query.name());
        queries.put(query.name(), query);
        lastVersion = Math.max(lastVersion, query.version());
    }

    @Override
    public synchronized void remove(String name) {
        queries.remove(name);
    }
}
