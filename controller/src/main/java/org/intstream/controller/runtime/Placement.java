package org.intstream.controller.runtime;

/**
 * Which observation points run a query when the controller has switches.
 *
 * <p>Each packet must be observed once per query, so agents and switches must not observe the same packets
 * for one query: either the switches' edge ports see only traffic of hosts without agents
 * ({@link #EVERYWHERE}), or a query whose stage fits the switches runs there alone ({@link #SWITCH_FIRST}).
 */
public enum Placement {
    /**
     * Every query at every agent, and also, when it allows an error budget (its own estimation or its
     * submitter's), at every switch its stage fits: switches observe other packets. An exact query's windows
     * then leave out the switches' edge ports, whose hosts have no agent.
     */
    EVERYWHERE,
    /**
     * A query that allows an error budget (it estimates by itself: count-min, Bloom, sketch) and whose switch
     * stage fits runs on the switches only (its windows wait for them, not for agents); exact queries and the
     * others run at the agents: switches observe every packet where it enters the network.
     */
    SWITCH_FIRST
}
