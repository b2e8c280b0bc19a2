package org.intstream.onos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A submitted query as the query store keeps it: its text and parameter overrides as the operator gave them
 * (enough to compile it again after a restart), where it runs, the devices holding its switch stage, and a
 * note on its placement. Immutable. Its fields are plain {@link HashMap}/{@link ArrayList}s so ONOS's Kryo
 * serializer can carry it between cluster nodes.
 */
public final class IntStreamQuery {
    private final String name;
    private final String text;
    private final HashMap<String, String> parameters;
    private final QueryStatus status;
    private final ArrayList<String> devices;
    private final String note;
    private final boolean estimatesAllowed;

    /** A query whose submitter did not allow switch estimates. */
    public IntStreamQuery(String name, String text, Map<String, String> parameters, QueryStatus status,
            List<String> devices, String note) {
        this(name, text, parameters, status, devices, note, false);
    }

    public IntStreamQuery(String name, String text, Map<String, String> parameters, QueryStatus status,
            List<String> devices, String note, boolean estimatesAllowed) {
        this.name = Objects.requireNonNull(name, "query name can't be null");
        this.text = Objects.requireNonNull(text, "query text can't be null");
        this.parameters = new HashMap<>(parameters);
        this.status = Objects.requireNonNull(status, "query status can't be null");
        this.devices = new ArrayList<>(devices);
        this.note = note == null ? "" : note;
        this.estimatesAllowed = estimatesAllowed;
    }

    public String name() {
        return name;
    }

    /** The query text as submitted. */
    public String text() {
        return text;
    }

    /** Parameter overrides as submitted, by name (sorted). */
    public Map<String, String> parameters() {
        return Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    public QueryStatus status() {
        return status;
    }

    /** The ids of the devices holding its switch stage. */
    public List<String> devices() {
        return Collections.unmodifiableList(devices);
    }

    /** Why it runs where it runs (the planner's notes, or why no switch can run it). */
    public String note() {
        return note;
    }

    /**
     * Whether its submitter let switches' count-min estimates stand in for an exact query's counts (a query
     * that estimates by itself needs no leave).
     */
    public boolean estimatesAllowed() {
        return estimatesAllowed;
    }

    public IntStreamQuery withPlacement(QueryStatus newStatus, List<String> newDevices) {
        return new IntStreamQuery(name, text, parameters, newStatus, newDevices, note, estimatesAllowed);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IntStreamQuery)) {
            return false;
        }
        IntStreamQuery q = (IntStreamQuery) o;
        return name.equals(q.name) && text.equals(q.text) && parameters.equals(q.parameters) && status == q.status
                && devices.equals(q.devices) && note.equals(q.note) && estimatesAllowed == q.estimatesAllowed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, text, parameters, status, devices, note, estimatesAllowed);
    }

    @Override
    public String toString() {
        return "query " + name + parameters() + " " + status + " on " + devices;
    }
}
