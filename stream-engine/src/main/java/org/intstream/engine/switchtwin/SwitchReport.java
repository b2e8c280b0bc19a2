package org.intstream.engine.switchtwin;

/**
 * A report the switch sends for one packet: the slots that fired (bit i for slot i), the switch clock
 * (plus offset) when the packet arrived, its ingress port, and which frame of the input it was. Immutable.
 */
public final class SwitchReport {
    private final long frameIndex;
    private final long timestampMicros;
    private final int ingressPort;
    private final int fired;

    public SwitchReport(long frameIndex, long timestampMicros, int ingressPort, int fired) {
        this.frameIndex = frameIndex;
        this.timestampMicros = timestampMicros;
        this.ingressPort = ingressPort;
        this.fired = fired;
    }

    public long frameIndex() {
        return frameIndex;
    }

    public long timestampMicros() {
        return timestampMicros;
    }

    public int ingressPort() {
        return ingressPort;
    }

    public int fired() {
        return fired;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SwitchReport)) {
            return false;
        }
        SwitchReport r = (SwitchReport) o;
        return frameIndex == r.frameIndex && timestampMicros == r.timestampMicros && ingressPort == r.ingressPort
                && fired == r.fired;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(frameIndex * 31 + timestampMicros) * 31 + fired;
    }

    @Override
    public String toString() {
        return "report(frame " + frameIndex + ", ts " + timestampMicros + ", port " + ingressPort + ", fired 0b"
                + Integer.toBinaryString(fired) + ")";
    }
}
