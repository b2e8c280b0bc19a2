package org.intstream.engine.exec;

/**
 * Engine settings: the bound on exact per-key state and how late a packet may arrive after a later one.
 * Immutable; change with the {@code with*} copies.
 */
public final class EngineConfig {
    /** Default bound on the keys one operator keeps per window. */
    public static final int MAX_KEYS_DEFAULT = 1_000_000;
    /** Default allowed lateness: captures from one interface are in order. */
    public static final long LATENESS_DEFAULT = 0;

    private final int maxKeys;
    private final long latenessMicros;

    private EngineConfig(int maxKeys, long latenessMicros) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("max keys must be at least 1, not " + maxKeys);
        }
        if (latenessMicros < 0) {
            throw new IllegalArgumentException("lateness can't be negative: " + latenessMicros);
        }
        this.maxKeys = maxKeys;
        this.latenessMicros = latenessMicros;
    }

    public static EngineConfig defaults() {
        return new EngineConfig(MAX_KEYS_DEFAULT, LATENESS_DEFAULT);
    }

    public EngineConfig withMaxKeys(int n) {
        return new EngineConfig(n, latenessMicros);
    }

    public EngineConfig withLatenessMicros(long micros) {
        return new EngineConfig(maxKeys, micros);
    }

    /** Keys (groups, distinct tuples, rows) one operator keeps per window before it degrades. */
    public int maxKeys() {
        return maxKeys;
    }

    /** A window closes only once a packet this much later than its end has arrived. */
    public long latenessMicros() {
        return latenessMicros;
    }
}
