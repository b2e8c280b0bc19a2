package org.intstream.controller.dataplane;

import java.util.function.LongSupplier;

/**
 * The clock of a soft switch replaying a capture: the switch's time is the packets' time, which the
 * controller sees only in report timestamps. A replay runs at least as fast as the capture did, so the
 * switch's clock is at least the latest report's timestamp plus the wall time since that report arrived.
 * Before the first report it is the capture's start. Thread-safe.
 */
public final class ReplayClock implements SwitchClock {
    private final LongSupplier wallMillis;
    private long latestMicros;
    private long latestAtMillis;

    /** @param captureStartMicros the first packet's timestamp */
    public ReplayClock(long captureStartMicros, LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
        this.latestMicros = captureStartMicros;
        this.latestAtMillis = wallMillis.getAsLong();
    }

    @Override
    public synchronized long nowMicros() {
        return latestMicros + (wallMillis.getAsLong() - latestAtMillis) * 1000;
    }

    @Override
    public synchronized void reported(long switchMicros) {
        if (switchMicros > nowMicros()) {
            latestMicros = switchMicros;
            latestAtMillis = wallMillis.getAsLong();
        }
    }
}
