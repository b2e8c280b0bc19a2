package org.intstream.engine.exec;

/**
 * What an operator does when its exact per-key state reaches the configured bound. Exact state never
 * grows past the bound; records that would need a new key are counted and the window is flagged.
 */
final class OverflowPolicy {
    private final String operator;

    OverflowPolicy(String operator) {
        this.operator = operator;
    }

    String describe(long dropped, int maxKeys) {
        return operator + " reached its bound of " + maxKeys + " keys; " + dropped
                + " records with further keys were not counted";
    }
}
