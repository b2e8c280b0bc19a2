package org.intstream.onos;

import java.util.List;
import java.util.Optional;

/** Submitted queries by name; in ONOS a distributed map, so they survive restarts and replicate. */
public interface IntStreamQueryStore {
    /**
     * Records a new query.
     *
     * @return false, recording nothing, when a query of that name is already stored
     */
    boolean add(IntStreamQuery query);

    /** Replaces the stored query of the same name (its placement changed). */
    void update(IntStreamQuery query);

    /** Removes a query; the removed one, if there was one. */
    Optional<IntStreamQuery> remove(String name);

    Optional<IntStreamQuery> get(String name);

    /** Every stored query, by name. */
    List<IntStreamQuery> queries();
}
