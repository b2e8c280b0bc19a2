package org.intstream.p4runtime;

import java.time.Duration;

/**
 * How long to wait before each reconnection attempt: {@code initial}, then multiplied by {@code multiplier}
 * per failed attempt, never above {@code max}. A restarting switch is back within seconds, so the defaults
 * start short and stay short.
 */
public record ReconnectBackoff(Duration initial, Duration max, double multiplier) {

    public static final ReconnectBackoff DEFAULT = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2);

    public ReconnectBackoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial reconnect delay must be positive, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("maximum reconnect delay " + max + " is below the initial " + initial);
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("reconnect delay multiplier must be at least 1, got " + multiplier);
        }
    }

    /** The delay before attempt {@code attempt} (0 = the first after the connection was lost). */
    public Duration delay(int attempt) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
