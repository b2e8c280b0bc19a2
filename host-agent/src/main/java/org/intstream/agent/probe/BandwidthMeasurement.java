package org.intstream.agent.probe;

/**
 * What one probe measured at the receiver: {@code bytes} arrived over {@code nanos}, from the first data
 * byte to the end of the stream.
 */
public record BandwidthMeasurement(long bytes, long nanos) {

    /** The throughput in MBytes/s, 1 MByte being 10^6 bytes. */
    public double megabytesPerSecond() {
        return nanos <= 0 ? 0 : bytes * 1e3 / nanos;
    }
}
