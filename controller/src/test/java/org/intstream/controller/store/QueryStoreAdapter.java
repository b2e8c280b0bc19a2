package org.intstream.controller.store;

import java.util.List;

/** A store that keeps nothing, for tests to override one operation of. */
public class QueryStoreAdapter implements QueryStore {
    @Override
    public List<QueryRecord> queries() {
        return List.of();
    }

    @Override
    public long lastVersion() {
        return 0;
    }

    @Override
    public void put(QueryRecord query) {
    }

    @Override
    public void remove(String name) {
    }
}
