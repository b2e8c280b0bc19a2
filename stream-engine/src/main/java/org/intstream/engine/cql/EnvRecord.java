package org.intstream.engine.cql;

import org.intstream.engine.record.Record;
import org.intstream.engine.record.RowRecord;

/**
 * A row seen together with the rows of the query blocks around it ({@link Layout}): what a CQL expression
 * with correlated references reads.
 */
final class EnvRecord extends Record {
    private final Layout layout;
    /** Rows by absolute depth. */
    final Object[][] rows;
    private long time;

    EnvRecord(Layout layout, Object[][] outer) {
        this.layout = layout;
        this.rows = new Object[layout.depth() + 1][];
        System.arraycopy(outer, 0, rows, 0, Math.min(outer.length, layout.depth()));
    }

    EnvRecord at(Object[] row, long instant) {
        rows[layout.depth()] = row;
        time = instant;
        absent = false;
        return this;
    }

    private Object value(int column) {
        return rows[layout.level(column)][layout.index(column)];
    }

    @Override
    public long time() {
        return time;
    }

    @Override
    public boolean has(int column) {
        return value(column) != null;
    }

    @Override
    public long getLong(int column) {
        return RowRecord.asLong(value(column));
    }

    @Override
    public double getDouble(int column) {
        return RowRecord.asDouble(value(column));
    }

    @Override
    public boolean isIpv4(int column) {
        return RowRecord.isIpv4(value(column));
    }

    @Override
    public Object get(int column) {
        return value(column);
    }
}
