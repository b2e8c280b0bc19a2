package org.intstream.controller.store;

import java.util.List;

/**
 * Where the controller keeps its query definitions so they survive a restart: the standalone controller
 * writes a file, the ONOS app a distributed map. The highest version ever handed out is kept too, even after
 * its query is removed, so versions keep growing across restarts and an agent never mistakes a new
 * submission for an old one. Implementations are thread-safe and write through before returning.
 */
public interface QueryStore {

    /** The kept definitions in submission order. */
    List<QueryRecord> queries();

    /** The highest version ever stored (0 when none). */
    long lastVersion();

    /**
     * Keeps a definition (replacing one of the same name) and raises the last version to its version.
     *
     * @throws StoreException when it could not be kept
     */
    void put(QueryRecord query);

    /**
     * Forgets a definition; nothing happens when none of that name is kept.
     *
     * @throws StoreException when the change could not be kept
     */
    void remove(String name);
}
