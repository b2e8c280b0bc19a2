package org.intstream.controller.runtime;

/**
 * How the controller core waits and what it keeps. Immutable; change with the {@code with*} copies.
 */
public final class ControllerSettings {
    public static final long GRACE_MILLIS_DEFAULT = 5_000;
    public static final long FORGET_AFTER_MILLIS_DEFAULT = 60_000;
    public static final int RESULTS_PER_QUERY_DEFAULT = 1_000;

    private final String token;
    private final long graceMillis;
    private final long forgetAfterMillis;
    private final int resultsPerQuery;

    private ControllerSettings(String token, long graceMillis, long forgetAfterMillis, int resultsPerQuery) {
        if (graceMillis < 0 || forgetAfterMillis < 0 || resultsPerQuery < 1) {
            throw new IllegalArgumentException("grace and forget-after must be >= 0 ms and results per query >= 1, not "
                    + graceMillis + ", " + forgetAfterMillis + ", " + resultsPerQuery);
        }
        this.token = token == null ? "" : token;
        this.graceMillis = graceMillis;
        this.forgetAfterMillis = forgetAfterMillis;
        this.resultsPerQuery = resultsPerQuery;
    }

    public static ControllerSettings defaults() {
        return new ControllerSettings("", GRACE_MILLIS_DEFAULT, FORGET_AFTER_MILLIS_DEFAULT, RESULTS_PER_QUERY_DEFAULT);
    }

    /** The secret agents must present; empty: any agent may join. */
    public ControllerSettings withToken(String t) {
        return new ControllerSettings(t, graceMillis, forgetAfterMillis, resultsPerQuery);
    }

    public ControllerSettings withGraceMillis(long ms) {
        return new ControllerSettings(token, ms, forgetAfterMillis, resultsPerQuery);
    }

    public ControllerSettings withForgetAfterMillis(long ms) {
        return new ControllerSettings(token, graceMillis, ms, resultsPerQuery);
    }

    public ControllerSettings withResultsPerQuery(int n) {
        return new ControllerSettings(token, graceMillis, forgetAfterMillis, n);
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
}
