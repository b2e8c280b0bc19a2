package org.intstream.p4runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An action by P4Info name with its parameters by name. Immutable: {@link #param} returns a new spec, so a
 * spec can be shared and extended. Names and widths are checked against the P4Info when it is encoded.
 */
public final class ActionSpec {

    private final String name;
    private final Map<String, P4Value> params;

    private ActionSpec(String name, Map<String, P4Value> params) {
        this.name = name;
        this.params = params;
    }

    public static ActionSpec of(String name) {
        Objects.requireNonNull(name, "action name can't be null");
        return new ActionSpec(name, Collections.emptyMap());
    }

    public ActionSpec param(String paramName, P4Value value) {
        Objects.requireNonNull(paramName, "parameter name can't be null");
        Objects.requireNonNull(value, "value of parameter '" + paramName + "' can't be null");
        if (params.containsKey(paramName)) {
            throw new IllegalArgumentException("action " + name + ": parameter '" + paramName + "' given twice");
        }
        Map<String, P4Value> copy = new LinkedHashMap<>(params);
        copy.put(paramName, value);
        return new ActionSpec(name, Collections.unmodifiableMap(copy));
    }

    public ActionSpec param(String paramName, long value) {
        return param(paramName, P4Value.of(value));
    }

    /** A parameter given as text: an address or a number (see {@link P4Value#parse}). */
    public ActionSpec param(String paramName, String value) {
        return param(paramName, P4Value.parse(value));
    }

    public ActionSpec param(String paramName, byte[] value) {
        return param(paramName, P4Value.of(value));
    }

    public String name() {
        return name;
    }

    /** Parameters in the order given. */
    public Map<String, P4Value> params() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionSpec && name.equals(((ActionSpec) o).name) && params.equals(((ActionSpec) o).params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, params);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('(');
        String sep = "";
        for (Map.Entry<String, P4Value> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        return sb.append(')').toString();
    }
}
