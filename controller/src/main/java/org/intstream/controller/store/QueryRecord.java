package org.intstream.controller.store;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A query definition as the controller keeps it across restarts: its name, the version it was given, the
 * text and parameters as submitted (the split is recomputed from them), and whether the submitter allowed a
 * switch's estimates to stand in for an exact query. Immutable.
 */
public final class QueryRecord {
    private final String name;
    private final long version;
    private final String text;
    private final Map<String, String> parameters;
    private final boolean estimatesAllowed;

    public QueryRecord(String name, long version, String text, Map<String, String> parameters) {
        this(name, version, text, parameters, false);
    }

    public QueryRecord(String name, long version, String text, Map<String, String> parameters,
            boolean estimatesAllowed) {
        this.name = Objects.requireNonNull(name, "query name can't be null");
        this.version = version;
        this.text = Objects.requireNonNull(text, "query text can't be null");
        this.parameters = Map.copyOf(new TreeMap<>(Objects.requireNonNull(parameters, "parameters can't be null")));
        this.estimatesAllowed = estimatesAllowed;
    }

    public String name() {
        return name;
    }

    public long version() {
        return version;
    }

    public String text() {
        return text;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    /** Whether the submitter allowed estimates for the query (see DeployedQuery#allowsEstimates). */
    public boolean estimatesAllowed() {
        return estimatesAllowed;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QueryRecord)) {
            return false;
        }
        QueryRecord r = (QueryRecord) o;
        return name.equals(r.name) && version == r.version && text.equals(r.text) && parameters.equals(r.parameters)
                && estimatesAllowed == r.estimatesAllowed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, text, parameters, estimatesAllowed);
    }

    @Override
    public String toString() {
        return name + " v" + version + " " + parameters + (estimatesAllowed ? " (estimates allowed)" : "");
    }
}
