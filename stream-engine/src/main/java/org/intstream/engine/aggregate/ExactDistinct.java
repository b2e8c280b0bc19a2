package org.intstream.engine.aggregate;

import org.intstream.engine.record.Record;

/**
 * Exact distinct in a bounded key table. Past the bound, new tuples go through a Bloom filter: a false
 * positive takes a new tuple for a seen one, so distinct counts can only come out low, and the window says so.
 */
public final class ExactDistinct implements DistinctFilter {
    private final KeyTable seen;
    private OverflowBloom overflow;

    public ExactDistinct(KeyCodec codec, int maxKeys) {
        this.seen = new KeyTable(codec, 1024, maxKeys);
    }

    @Override
    public boolean firstTime(Record r) {
        int id = seen.idOf(r);
        if (id != KeyTable.FULL) {
            return seen.lastWasNew();
        }
        if (overflow == null) {
            overflow = new OverflowBloom(Math.max(16L * seen.maxKeys(), 1L << 23), 4);
        }
        return overflow.addIfNew(seen.lastKeyHash());
    }

    @Override
    public String approximationNote() {
        return overflow == null ? null : String.format("distinct kept %d tuples exactly, then a %d-bit Bloom filter "
                + "(false positive rate %.2e): distinct counts may come out low", seen.maxKeys(), overflow.bits(),
                overflow.falsePositiveRate());
    }

    @Override
    public void clear() {
        seen.clear();
        overflow = null;
    }
}
