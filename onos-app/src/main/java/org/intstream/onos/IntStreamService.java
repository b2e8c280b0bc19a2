package org.intstream.onos;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.intstream.controller.agent.AgentStatus;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.merge.MergedWindow;

/**
 * IntStream in ONOS, as the CLI, REST API and GUI use it: queries are submitted as text, checked, their
 * switch stage placed in a slot of every device that runs IntStream's pipeconf, and the keys the switches
 * report kept per query.
 */
public interface IntStreamService {
    /**
     * Checks, places and records a query.
     *
     * @param text exactly one query in IntStream's DSL
     * @param parameters overrides of the query's parameter defaults, by name
     * @throws IllegalArgumentException when the text is not one valid query (the message names line and
     *         column), a parameter is unknown or of the wrong type, a query of that name is already submitted,
     *         or its switch stage cannot fit a slot
     * @throws org.intstream.query.switchgen.SwitchResourceException when a device has no free slot or table
     *         space for it (nothing stays installed then)
     */
    default IntStreamQuery submit(String text, Map<String, String> parameters) {
        return submit(text, parameters, false);
    }

    /**
     * As {@link #submit(String, Map)}, with the submitter's leave for switches' count-min estimates to stand in
     * for an exact query's counts: without it an exact query runs at the agents only (a slot estimates).
     */
    IntStreamQuery submit(String text, Map<String, String> parameters, boolean estimatesAllowed);

    /**
     * Removes a query from every device and the store, and forgets its results.
     *
     * @throws IllegalArgumentException when no query of that name is submitted
     */
    IntStreamQuery remove(String name);

    /** Every submitted query, by name. */
    List<IntStreamQuery> queries();

    Optional<IntStreamQuery> query(String name);

    /**
     * The most recent keys the switches reported for a query, oldest first (a bounded number, see
     * {@code resultsPerQuery}).
     *
     * @throws IllegalArgumentException when no query of that name is submitted
     */
    List<SlotHit> results(String name);

    /**
     * The query's merged windows, oldest first (a bounded number): the switches' keys with their epochs'
     * count-min estimates and the agents' partials, run through the query's global stage.
     *
     * @throws IllegalArgumentException when no query of that name is submitted
     */
    List<MergedWindow> windows(String name);

    /**
     * How a query would run: its plan with parameters bound, its split into local and global stages, its switch
     * stage and the table entries of a slot (or why it has none), and the devices it would be placed on.
     *
     * @throws IllegalArgumentException as {@link #submit} for a bad query
     */
    String explain(String text, Map<String, String> parameters);

    /** The end-host agents known to this controller (connected to it, or expected back), by id. */
    List<AgentStatus> agents();
}
