package org.intstream.engine.record;

import org.intstream.query.type.IpAddress;

/** A result row (boxed values, null for absent) seen as a {@link Record}. */
public final class RowRecord extends Record {
    private Object[] values;
    private long time;

    public RowRecord() {
    }

    public RowRecord(Object[] values, long time) {
        this.values = values;
        this.time = time;
    }

    public RowRecord reset(Object[] newValues, long newTime) {
        this.values = newValues;
        this.time = newTime;
        this.absent = false;
        return this;
    }

    public Object[] values() {
        return values;
    }

    @Override
    public long time() {
        return time;
    }

    @Override
    public boolean has(int column) {
        return values[column] != null;
    }

    @Override
    public long getLong(int column) {
        return asLong(values[column]);
    }

    @Override
    public double getDouble(int column) {
        return asDouble(values[column]);
    }

    @Override
    public boolean isIpv4(int column) {
        return isIpv4(values[column]);
    }

    /** A boxed value as a long: numbers, bools as 1/0, IPv4 addresses as their unsigned bits. */
    public static long asLong(Object v) {
        if (v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if (v instanceof IpAddress) {
            return ((IpAddress) v).isV4() ? ((IpAddress) v).v4Bits() & 0xFFFFFFFFL : 0;
        }
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        return 0;
    }

    public static double asDouble(Object v) {
        return v instanceof Number ? ((Number) v).doubleValue() : 0;
    }

    public static boolean isIpv4(Object v) {
        return v instanceof IpAddress && ((IpAddress) v).isV4();
    }

    @Override
    public Object get(int column) {
        return values[column];
    }
}
