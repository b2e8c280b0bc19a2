package org.intstream.engine.probe;

import org.intstream.query.type.IpAddress;

/**
 * What one probe measured: a round-trip time or a throughput, or nothing (lost) with the reason. An answer
 * other than success that still times the path (a TCP RST: the port is closed, the host is there) has a
 * round-trip time and an error. Immutable.
 */
public final class ProbeResult {
    private final IpAddress target;
    private final Long rttMicros;
    private final Long bandwidthBps;
    private final Long bytes;
    private final String error;

    private ProbeResult(IpAddress target, Long rttMicros, Long bandwidthBps, Long bytes, String error) {
        this.target = target;
        this.rttMicros = rttMicros;
        this.bandwidthBps = bandwidthBps;
        this.bytes = bytes;
        this.error = error;
    }

    public static ProbeResult rtt(IpAddress target, long rttMicros) {
        return new ProbeResult(target, rttMicros, null, null, null);
    }

    /** A round trip timed by an answer that is not success (a refused connection). */
    public static ProbeResult rttWithError(IpAddress target, long rttMicros, String error) {
        return new ProbeResult(target, rttMicros, null, null, error);
    }

    public static ProbeResult bandwidth(IpAddress target, long bitsPerSecond, long bytes) {
        return new ProbeResult(target, null, bitsPerSecond, bytes, null);
    }

    /** No answer; {@code target} is null when the host name did not resolve. */
    public static ProbeResult lost(IpAddress target, String error) {
        return new ProbeResult(target, null, null, null, error);
    }

    public IpAddress target() {
        return target;
    }

    public Long rttMicros() {
        return rttMicros;
    }

    public Long bandwidthBps() {
        return bandwidthBps;
    }

    public Long bytes() {
        return bytes;
    }

    public String error() {
        return error;
    }

    public boolean lost() {
        return rttMicros == null && bandwidthBps == null;
    }

    @Override
    public String toString() {
        return lost() ? "lost (" + error + ")" : rttMicros != null ? rttMicros + " us" : bandwidthBps + " bit/s";
    }
}
