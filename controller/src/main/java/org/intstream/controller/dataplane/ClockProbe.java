package org.intstream.controller.dataplane;

import org.intstream.query.switchgen.EpochClock;

/**
 * One answered clock probe: when the controller sent it and received its report (both by the controller's
 * wall clock, Unix microseconds), the timestamp the switch stamped on it, and the clock offset the switch
 * was applying then. The switch stamped the probe somewhere between its sending and its report's arrival.
 * Immutable.
 */
public final class ClockProbe {
    private final long sentMicros;
    private final long receivedMicros;
    private final long switchMicros;
    private final long offsetMicros;

    /**
     * @param switchMicros the report's timestamp: the switch's 48-bit clock plus {@code offsetMicros}
     * @throws IllegalArgumentException when the report arrived before the probe was sent
     */
    public ClockProbe(long sentMicros, long receivedMicros, long switchMicros, long offsetMicros) {
        if (receivedMicros < sentMicros) {
            throw new IllegalArgumentException("a probe's report arrived (" + receivedMicros + " us) before it was "
                    + "sent (" + sentMicros + " us)");
        }
        this.sentMicros = sentMicros;
        this.receivedMicros = receivedMicros;
        this.switchMicros = switchMicros;
        this.offsetMicros = offsetMicros;
    }

    public long roundTripMicros() {
        return receivedMicros - sentMicros;
    }

    /** The controller's time halfway through the round trip: its best guess of when the switch stamped it. */
    public long midpointMicros() {
        return sentMicros + roundTripMicros() / 2;
    }

    /** The switch's own clock reading (its 48-bit timestamp, without the offset). */
    public long switchClockMicros() {
        return (switchMicros - offsetMicros) & EpochClock.SWITCH_TIMESTAMP_MASK;
    }

    /** The offset that would have made the switch stamp the midpoint. */
    public long offsetEstimateMicros() {
        return midpointMicros() - switchClockMicros();
    }

    public long sentMicros() {
        return sentMicros;
    }

    public long receivedMicros() {
        return receivedMicros;
    }

    /** The report's timestamp, offset included. */
    public long switchMicros() {
        return switchMicros;
    }

    public long offsetMicros() {
        return offsetMicros;
    }
}
