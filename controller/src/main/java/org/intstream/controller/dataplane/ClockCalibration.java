package org.intstream.controller.dataplane;

import java.util.List;

/**
 * The result of measuring a switch's clock against the controller's with probes, NTP-style: the probe with
 * the shortest round trip gives the offset (its midpoint minus the switch's reading), and the switch's clock
 * plus that offset is within half that round trip of the controller's clock when the probe was stamped (the
 * skew bound, as long as neither clock drifts). Immutable.
 */
public final class ClockCalibration {
    private final long offsetMicros;
    private final long skewBoundMicros;
    private final long correctionMicros;
    private final int probesSent;
    private final int probesAnswered;
    private final long atMicros;

    private ClockCalibration(long offsetMicros, long skewBoundMicros, long correctionMicros, int probesSent,
            int probesAnswered, long atMicros) {
        this.offsetMicros = offsetMicros;
        this.skewBoundMicros = skewBoundMicros;
        this.correctionMicros = correctionMicros;
        this.probesSent = probesSent;
        this.probesAnswered = probesAnswered;
        this.atMicros = atMicros;
    }

    /**
     * Estimates the offset from the answered probes.
     *
     * @param probesSent how many probes were sent (some may have had no answer)
     * @throws IllegalArgumentException when no probe was answered
     */
    public static ClockCalibration of(List<ClockProbe> answered, int probesSent) {
        if (answered.isEmpty()) {
            throw new IllegalArgumentException("none of " + probesSent + " clock probes was answered");
        }
        ClockProbe best = answered.get(0);
        for (ClockProbe p : answered) {
            if (p.roundTripMicros() < best.roundTripMicros()) {
                best = p;
            }
        }
        long offset = best.offsetEstimateMicros();
        // Round up: the midpoint's integer division may lose half a microsecond.
        long bound = (best.roundTripMicros() + 1) / 2;
        return new ClockCalibration(offset, bound, offset - best.offsetMicros(), probesSent, answered.size(),
                best.receivedMicros());
    }

    /** The offset that turns the switch's clock into the controller's (Unix microseconds). */
    public long offsetMicros() {
        return offsetMicros;
    }

    /** How far the switch's clock with this offset may be from the controller's: half the best round trip. */
    public long skewBoundMicros() {
        return skewBoundMicros;
    }

    /** How much the switch's clock was off with the offset it had before: the new offset minus the old. */
    public long correctionMicros() {
        return correctionMicros;
    }

    public int probesSent() {
        return probesSent;
    }

    public int probesAnswered() {
        return probesAnswered;
    }

    /** When the best probe's report arrived, the controller's Unix microseconds. */
    public long atMicros() {
        return atMicros;
    }

    /** What a result from this switch says of its clock. */
    public String note(String switchName) {
        return "switch " + switchName + ": clock calibrated to within " + skewBoundMicros + " us of the controller's ("
                + probesAnswered + "/" + probesSent + " probes)";
    }

    @Override
    public String toString() {
        return "offset " + offsetMicros + " us, skew at most " + skewBoundMicros + " us (corrected by "
                + correctionMicros + " us; " + probesAnswered + "/" + probesSent + " probes answered)";
    }
}
