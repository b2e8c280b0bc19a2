package org.intstream.controller.runtime;

import org.intstream.query.partition.PlanSplitter;

/**
 * How the controller core waits and what it keeps. Immutable; change with the {@code with*} copies.
 */
public final class ControllerSettings {
    public static final long GRACE_MILLIS_DEFAULT = 5_000;
    public static final long FORGET_AFTER_MILLIS_DEFAULT = 60_000;
    public static final int RESULTS_PER_QUERY_DEFAULT = 1_000;
    /** Agents capture both directions, so each query is observed on the side its key names. */
    public static final PlanSplitter.Sides SIDES_DEFAULT = PlanSplitter.Sides.BY_KEY;

    private final String token;
    private final long graceMillis;
    private final long forgetAfterMillis;
    private final int resultsPerQuery;
    private final PlanSplitter.Sides sides;
    private final Placement placement;

    private ControllerSettings(String token, long graceMillis, long forgetAfterMillis, int resultsPerQuery,
            PlanSplitter.Sides sides, Placement placement) {
        if (graceMillis < 0 || forgetAfterMillis < 0 || resultsPerQuery < 1) {
            throw new IllegalArgumentException("grace and forget-after must be >= 0 ms and results per query >= 1, not "
                    + graceMillis + ", " + forgetAfterMillis + ", " + resultsPerQuery);
        }
        this.token = token == null ? "" : token;
        this.graceMillis = graceMillis;
        this.forgetAfterMillis = forgetAfterMillis;
        this.resultsPerQuery = resultsPerQuery;
        if (sides == null) {
            throw new IllegalArgumentException("the observation sides can't be null");
        }
        this.sides = sides;
        if (placement == null) {
            throw new IllegalArgumentException("the placement can't be null");
        }
        this.placement = placement;
    }

    public static ControllerSettings defaults() {
        return new ControllerSettings("", GRACE_MILLIS_DEFAULT, FORGET_AFTER_MILLIS_DEFAULT, RESULTS_PER_QUERY_DEFAULT, SIDES_DEFAULT,
                Placement.EVERYWHERE);
    }

    /** The secret agents must present; empty: any agent may join. */
    public ControllerSettings withToken(String t) {
        return new ControllerSettings(t, graceMillis, forgetAfterMillis, resultsPerQuery, sides, placement);
    }

    public ControllerSettings withGraceMillis(long ms) {
        return new ControllerSettings(token, ms, forgetAfterMillis, resultsPerQuery, sides, placement);
    }

    public ControllerSettings withForgetAfterMillis(long ms) {
        return new ControllerSettings(token, graceMillis, ms, resultsPerQuery, sides, placement);
    }

    public ControllerSettings withResultsPerQuery(int n) {
        return new ControllerSettings(token, graceMillis, forgetAfterMillis, n, sides, placement);
    }

    /**
     * Where queries are observed: {@link PlanSplitter.Sides#BY_KEY} (per-destination queries at the receiving
     * host, thresholds run there) or {@link PlanSplitter.Sides#SENDER} (every packet at its sender; partials
     * merged network-wide).
     */
    public ControllerSettings withSides(PlanSplitter.Sides s) {
        return new ControllerSettings(token, graceMillis, forgetAfterMillis, resultsPerQuery, s, placement);
    }

    /** Which points run a query when there are switches ({@link Placement}). */
    public ControllerSettings withPlacement(Placement p) {
        return new ControllerSettings(token, graceMillis, forgetAfterMillis, resultsPerQuery, sides, p);
    }

    public String token() {
        return token;
    }

    /** How long a window waits for missing agents after its end (or its first report, if later). */
    public long graceMillis() {
        return graceMillis;
    }

    /** How long a disconnected agent is still waited for. */
    public long forgetAfterMillis() {
        return forgetAfterMillis;
    }

    public int resultsPerQuery() {
        return resultsPerQuery;
    }

    public PlanSplitter.Sides sides() {
        return sides;
    }

    public Placement placement() {
        return placement;
    }
}
