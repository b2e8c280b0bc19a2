package org.intstream.onos.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.IntStreamQueryStore;

/** The query store in one map, for managers wired by hand. */
public class SimpleIntStreamQueryStore implements IntStreamQueryStore {
    private final TreeMap<String, IntStreamQuery> queries = new TreeMap<>();

    @Override
    public synchronized boolean add(IntStreamQuery query) {
        return queries.putIfAbsent(query.name(), query) == null;
    }

    @Override
    public synchronized void update(IntStreamQuery query) {
        queries.put(query.name(), query);
    }

    @Override
    public synchronized Optional<IntStreamQuery> remove(String name) {
        return Optional.ofNullable(queries.remove(name));
    }

    @Override
    public synchronized Optional<IntStreamQuery> get(String name) {
        return Optional.ofNullable(queries.get(name));
    }

    @Override
    public synchronized List<IntStreamQuery> queries() {
        return new ArrayList<>(queries.values());
    }
}
