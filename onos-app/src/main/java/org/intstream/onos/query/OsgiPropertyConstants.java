package org.intstream.onos.query;

/** Names and defaults of the IntStream manager's component properties (ONOS's component config). */
public final class OsgiPropertyConstants {
    private OsgiPropertyConstants() {
    }

    /** How many reported keys are kept per query; older ones are dropped first. */
    public static final String RESULTS_PER_QUERY = "resultsPerQuery";
    public static final int RESULTS_PER_QUERY_DEFAULT = 1000;
}
