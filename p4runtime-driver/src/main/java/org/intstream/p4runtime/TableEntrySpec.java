package org.intstream.p4runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A table entry by P4Info names: the table, match fields by name, a priority when the table has ternary,
 * range or optional fields, and the action. A default-action spec ({@link #defaultAction}) has no match
 * and replaces the table's default action. Immutable; built with {@link #builder}, e.g.
 * <pre>
 * TableEntrySpec.builder("acl").ternary("ipv4_src", "10.0.0.0", "255.0.0.0").range("ttl", 1, 64).priority(10)
 *         .action(ActionSpec.of("count_only").param("index", 3)).build();
 * </pre>
 * Values are checked against the P4Info (names, widths, match kinds) by {@link TableEntryCodec}.
 */
public final class TableEntrySpec {

    private final String table;
    private final Map<String, Match> matches;
    private final int priority;
    private final ActionSpec action;
    private final boolean defaultEntry;

    private TableEntrySpec(String table, Map<String, Match> matches, int priority, ActionSpec action,
                           boolean defaultEntry) {
        this.table = table;
        this.matches = matches;
        this.priority = priority;
        this.action = action;
        this.defaultEntry = defaultEntry;
    }

    public static Builder builder(String table) {
        return new Builder(table);
    }

    /** The table's default action, set with a MODIFY (P4Runtime has no insert or delete for it). */
    public static TableEntrySpec defaultAction(String table, ActionSpec action) {
        Objects.requireNonNull(table, "table name can't be null");
        Objects.requireNonNull(action, "default action can't be null");
        return new TableEntrySpec(table, Collections.emptyMap(), 0, action, true);
    }

    public String table() {
        return table;
    }

    /** Match fields by name, in the order given; a field left out matches anything. */
    public Map<String, Match> matches() {
        return matches;
    }

    /** 0 when the entry has no priority. */
    public int priority() {
        return priority;
    }

    /** The action, or null (enough for a delete). */
    public ActionSpec action() {
        return action;
    }

    public boolean isDefaultAction() {
        return defaultEntry;
    }

    /** The same entry with another action: for a modify. */
    public TableEntrySpec withAction(ActionSpec newAction) {
        return new TableEntrySpec(table, matches, priority, newAction, defaultEntry);
    }

    /** Table and key, e.g. {@code acl{ipv4_src=0x0a000000&&&0xff000000, priority=10}}: names the entry in errors. */
    public String describeKey() {
        if (defaultEntry) {
            return "default action of table " + table;
        }
        StringBuilder sb = new StringBuilder("table entry ").append(table).append('{');
        String sep = "";
        for (Map.Entry<String, Match> e : matches.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        if (priority != 0) {
            sb.append(sep).append("priority=").append(priority);
        }
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TableEntrySpec)) {
            return false;
        }
        TableEntrySpec s = (TableEntrySpec) o;
        return table.equals(s.table) && matches.equals(s.matches) && priority == s.priority
                && Objects.equals(action, s.action) && defaultEntry == s.defaultEntry;
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, matches, priority, action, defaultEntry);
    }

    @Override
    public String toString() {
        return describeKey() + (action == null ? "" : " -> " + action);
    }

    /** Collects the match fields, priority and action of one entry. */
    public static final class Builder {
        private final String table;
        private final Map<String, Match> matches = new LinkedHashMap<>();
        private int priority;
        private ActionSpec action;

        private Builder(String table) {
            this.table = Objects.requireNonNull(table, "table name can't be null");
        }

        public Builder match(String field, Match match) {
            Objects.requireNonNull(field, "field name can't be null");
            Objects.requireNonNull(match, "match of field '" + field + "' can't be null");
            if (matches.putIfAbsent(field, match) != null) {
                throw new IllegalArgumentException("table " + table + ": field '" + field + "' matched twice");
            }
            return this;
        }

        public Builder exact(String field, P4Value value) {
            return match(field, Match.exact(value));
        }

        public Builder exact(String field, long value) {
            return exact(field, P4Value.of(value));
        }

        /** An address or number as text, see {@link P4Value#parse}. */
        public Builder exact(String field, String value) {
            return exact(field, P4Value.parse(value));
        }

        public Builder exact(String field, byte[] value) {
            return exact(field, P4Value.of(value));
        }

        public Builder ternary(String field, P4Value value, P4Value mask) {
            return match(field, Match.ternary(value, mask));
        }

        public Builder ternary(String field, long value, long mask) {
            return ternary(field, P4Value.of(value), P4Value.of(mask));
        }

        public Builder ternary(String field, String value, String mask) {
            return ternary(field, P4Value.parse(value), P4Value.parse(mask));
        }

        public Builder lpm(String field, P4Value value, int prefixLength) {
            return match(field, Match.lpm(value, prefixLength));
        }

        public Builder lpm(String field, long value, int prefixLength) {
            return lpm(field, P4Value.of(value), prefixLength);
        }

        public Builder lpm(String field, String value, int prefixLength) {
            return lpm(field, P4Value.parse(value), prefixLength);
        }

        /** A prefix written as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
        public Builder lpm(String field, String prefix) {
            int slash = prefix.lastIndexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("table " + table + ": field '" + field + "': '" + prefix
                        + "' has no /length");
            }
            String length = prefix.substring(slash + 1);
            if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("table " + table + ": field '" + field + "': '" + prefix
                        + "' has no valid prefix length after '/'");
            }
            return lpm(field, P4Value.parse(prefix.substring(0, slash)), Integer.parseInt(length));
        }

        public Builder range(String field, P4Value low, P4Value high) {
            return match(field, Match.range(low, high));
        }

        public Builder range(String field, long low, long high) {
            return range(field, P4Value.of(low), P4Value.of(high));
        }

        public Builder optional(String field, P4Value value) {
            return match(field, Match.optional(value));
        }

        public Builder optional(String field, long value) {
            return optional(field, P4Value.of(value));
        }

        public Builder optional(String field, String value) {
            return optional(field, P4Value.parse(value));
        }

        /**
         * The entry's priority, higher wins; 0 means none, for tables with only exact and LPM fields (so
         * generic code can pass a neutral entry's priority through). Checked against the table on encoding.
         */
        public Builder priority(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("table " + table + ": priority " + value
                        + " is negative; P4Runtime priorities are positive (0 for none)");
            }
            this.priority = value;
            return this;
        }

        public Builder action(ActionSpec value) {
            this.action = Objects.requireNonNull(value, "action can't be null");
            return this;
        }

        /** An action without parameters. */
        public Builder action(String name) {
            return action(ActionSpec.of(name));
        }

        public TableEntrySpec build() {
            return new TableEntrySpec(table, Collections.unmodifiableMap(new LinkedHashMap<>(matches)), priority,
                    action, false);
        }
    }
}
