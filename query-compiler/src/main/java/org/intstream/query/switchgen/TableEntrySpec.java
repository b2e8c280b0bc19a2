package org.intstream.query.switchgen;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A table entry by P4Info names, independent of any P4Runtime library: the controller's driver, ONOS's
 * flow rules and the tests all build theirs from it. Ternary matches carry a mask; a field absent from
 * {@link #matches()} is a wildcard. Immutable.
 */
public final class TableEntrySpec {
    /** A ternary match (an exact match has an all-ones mask). */
    public static final class Match {
        private final BigInteger value;
        private final BigInteger mask;

        public Match(BigInteger value, BigInteger mask) {
            this.value = value.and(mask);
            this.mask = mask;
        }

        public BigInteger value() {
            return value;
        }

        public BigInteger mask() {
            return mask;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Match && value.equals(((Match) o).value) && mask.equals(((Match) o).mask);
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, mask);
        }

        @Override
        public String toString() {
            return "0x" + value.toString(16) + "&&&0x" + mask.toString(16);
        }
    }

    private final String table;
    private final Map<String, Match> matches;
    private final int priority;
    private final String action;
    private final Map<String, BigInteger> params;

    public TableEntrySpec(String table, Map<String, Match> matches, int priority, String action,
            Map<String, BigInteger> params) {
        this.table = Objects.requireNonNull(table, "table");
        this.matches = Collections.unmodifiableMap(new LinkedHashMap<>(matches));
        this.priority = priority;
        this.action = Objects.requireNonNull(action, "action");
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public String table() {
        return table;
    }

    public Map<String, Match> matches() {
        return matches;
    }

    public int priority() {
        return priority;
    }

    public String action() {
        return action;
    }

    public Map<String, BigInteger> params() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TableEntrySpec)) {
            return false;
        }
        TableEntrySpec e = (TableEntrySpec) o;
        return table.equals(e.table) && matches.equals(e.matches) && priority == e.priority
                && action.equals(e.action) && params.equals(e.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, matches, priority, action, params);
    }

    @Override
    public String toString() {
        return table + " " + matches + " prio " + priority + " -> " + action + params;
    }
}
