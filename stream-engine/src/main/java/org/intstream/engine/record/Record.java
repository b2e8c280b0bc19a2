package org.intstream.engine.record;

/**
 * What evaluators read: a packet or a result row, column by column, without boxing on the packet path.
 *
 * <p>Absence travels in {@link #absent}: an evaluator that meets an absent value sets it and returns a
 * meaningless value; the caller clears it before evaluating a top-level expression and checks it after.
 * A record is used by one thread at a time.
 */
public abstract class Record {
    /** Set by evaluators when the value they return is absent. */
    public boolean absent;

    /** Event time of the record, microseconds since the epoch. */
    public abstract long time();

    /** Whether a column is present. */
    public abstract boolean has(int column);

    /**
     * A column as a long: INT, TIMESTAMP, DURATION, BOOL (1 or 0), and IPv4 addresses as unsigned 32-bit
     * values (check {@link #isIpv4(int)} first). Meaningless when the column is absent.
     */
    public abstract long getLong(int column);

    /** A FLOAT column. */
    public abstract double getDouble(int column);

    /** Whether an IP column holds an IPv4 address (so {@link #getLong} gives its bits). */
    public abstract boolean isIpv4(int column);

    /** Any column, boxed as in {@code Literal} (IP as IpAddress); null when absent. */
    public abstract Object get(int column);
}
