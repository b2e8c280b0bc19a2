package org.intstream.query.partition;

import java.util.List;
import java.util.Objects;

/**
 * The part of a query a switch slot runs: a filter (ternary entries, any of which admits a packet), an
 * optional distinct stage, a per-key packet count or byte sum over tumbling windows, and a threshold above
 * which a key is reported once per window. It describes IPv4 traffic only (the switch's slots do not see
 * IPv6), and a <em>candidate</em> stage reports a superset of the query's answer (its count bounds the
 * query's value from above), leaving the exact decision to the hosts and the controller. Immutable.
 */
public final class SwitchStage {
    /** What a slot adds per counted packet. */
    public enum Operation { PACKETS, BYTES }

    /** The threshold of a stage that only counts and never reports. */
    public static final long NO_THRESHOLD = 0xFFFFFFFFL;

    private final String query;
    private final List<SwitchMatch> filter;
    private final TupleMasks key;
    private final TupleMasks distinct;
    private final Operation operation;
    private final long threshold;
    private final long windowMicros;
    private final int width;
    private final boolean candidate;
    private final List<String> keyColumns;

    /**
     * @param distinct the tuple counted once per window (it includes the key), or null for no distinct stage
     * @param threshold reported when the key's count exceeds it (strictly); {@link #NO_THRESHOLD} for never
     * @param keyColumns the query's output names of the key fields, in 5-tuple order
     */
    public SwitchStage(String query, List<SwitchMatch> filter, TupleMasks key, TupleMasks distinct,
            Operation operation, long threshold, long windowMicros, int width, boolean candidate,
            List<String> keyColumns) {
        this.query = Objects.requireNonNull(query, "query");
        this.filter = List.copyOf(filter);
        this.key = Objects.requireNonNull(key, "key");
        this.distinct = distinct;
        this.operation = Objects.requireNonNull(operation, "operation");
        this.threshold = threshold;
        this.windowMicros = windowMicros;
        this.width = width;
        this.candidate = candidate;
        this.keyColumns = List.copyOf(keyColumns);
    }

    public String query() {
        return query;
    }

    public List<SwitchMatch> filter() {
        return filter;
    }

    public TupleMasks key() {
        return key;
    }

    /** The distinct tuple, or null. */
    public TupleMasks distinct() {
        return distinct;
    }

    public Operation operation() {
        return operation;
    }

    public long threshold() {
        return threshold;
    }

    public long windowMicros() {
        return windowMicros;
    }

    /** Cells per count-min row, a power of two. */
    public int width() {
        return width;
    }

    public boolean candidate() {
        return candidate;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    public SwitchStage withWidth(int newWidth) {
        return new SwitchStage(query, filter, key, distinct, operation, threshold, windowMicros, newWidth,
                candidate, keyColumns);
    }

    public SwitchStage withThreshold(long newThreshold) {
        return new SwitchStage(query, filter, key, distinct, operation, newThreshold, windowMicros, width,
                candidate, keyColumns);
    }

    /** Whether a packet's filter fields (indexed by {@link SwitchField#ordinal()}) pass the filter. */
    public boolean admits(long[] fields) {
        for (SwitchMatch m : filter) {
            if (m.matches(fields)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SwitchStage)) {
            return false;
        }
        SwitchStage s = (SwitchStage) o;
        return query.equals(s.query) && filter.equals(s.filter) && key.equals(s.key)
                && Objects.equals(distinct, s.distinct) && operation == s.operation && threshold == s.threshold
                && windowMicros == s.windowMicros && width == s.width && candidate == s.candidate
                && keyColumns.equals(s.keyColumns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(query, filter, key, distinct, operation, threshold, windowMicros, width, candidate);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("switch stage of ").append(query).append(":\n");
        b.append("  filter   ").append(filter.size() == 1 ? filter.get(0).toString() : filter.toString()).append('\n');
        if (distinct != null) {
            b.append("  distinct ").append(distinct).append('\n');
        }
        b.append("  count    ").append(operation == Operation.PACKETS ? "packets" : "bytes").append(" by ")
                .append(key).append(" per ").append(windowMicros).append(" us window, ").append(width)
                .append(" cells x 3 rows\n");
        b.append("  report   ").append(threshold == NO_THRESHOLD ? "never (counters only)" : "count > " + threshold)
                .append(candidate ? " (candidates: the hosts decide)" : "");
        return b.toString();
    }
}
