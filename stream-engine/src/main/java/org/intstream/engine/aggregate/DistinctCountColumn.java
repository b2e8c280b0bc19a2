package org.intstream.engine.aggregate;

import java.util.Arrays;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;
import org.intstream.query.type.Type;

/**
 * {@code count_distinct(x, …)} per group without boxing: one key table of (group id, arguments) for the
 * whole window; a pair seen for the first time adds one to its group. Past the table's bound, new pairs go
 * through a Bloom filter, so counts can come out low and the column says so.
 */
public final class DistinctCountColumn extends AggColumn {
    private final GroupId group = new GroupId();
    private final KeyTable pairs;
    private final Evaluator[] arguments;
    private long[] counts = new long[16];
    private OverflowBloom overflow;

    /**
     * @param arguments the counted expressions; {@code bits} their value widths (as for a {@link KeyCodec})
     * @param memoWord the connection memo word of the pair table when pairs are one per connection, else -1
     */
    public DistinctCountColumn(Evaluator[] arguments, int[] bits, int maxKeys, int memoWord) {
        Evaluator[] parts = new Evaluator[arguments.length + 1];
        int[] widths = new int[arguments.length + 1];
        parts[0] = group;
        widths[0] = 32;
        System.arraycopy(arguments, 0, parts, 1, arguments.length);
        System.arraycopy(bits, 0, widths, 1, bits.length);
        this.pairs = new KeyTable(new KeyCodec(parts, widths, memoWord), 1024, maxKeys);
        this.arguments = arguments.clone();
    }

    @Override
    public void add(int id, Record r) {
        for (Evaluator a : arguments) {
            if (!CountColumn.isPresent(a, r)) {
                return; // SQL: combinations with an absent value are not counted
            }
        }
        group.id = id;
        int pair = pairs.idOf(r);
        if (pair == KeyTable.FULL) {
            if (overflow == null) {
                overflow = new OverflowBloom(Math.max(16L * pairs.maxKeys(), 1L << 23), 4);
            }
            if (overflow.addIfNew(pairs.lastKeyHash())) {
                counts[id]++;
            }
        } else if (pairs.lastWasNew()) {
            counts[id]++;
        }
    }

    @Override
    public void ensureCapacity(int capacity) {
        if (capacity > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(capacity, counts.length * 2));
        }
    }

    @Override
    public Object result(int id) {
        return counts[id];
    }

    @Override
    public void clear(int size) {
        Arrays.fill(counts, 0, Math.min(size, counts.length), 0);
        pairs.clear();
        overflow = null;
    }

    @Override
    public String approximationNote() {
        return overflow == null ? null : String.format("count_distinct kept %d pairs exactly, then a Bloom filter "
                + "(false positive rate %.2e): counts may come out low", pairs.maxKeys(), overflow.falsePositiveRate());
    }

    /** The group being updated, read by the pair table's codec as the first key part. */
    private static final class GroupId extends Evaluator {
        int id;

        GroupId() {
            super(Type.INT);
        }

        @Override
        public long evalLong(Record r) {
            return id;
        }

        @Override
        public Object eval(Record r) {
            return (long) id;
        }
    }
}
