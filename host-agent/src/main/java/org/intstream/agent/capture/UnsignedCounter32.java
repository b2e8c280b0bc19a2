package org.intstream.agent.capture;

/**
 * Widens a counter that libpcap keeps as a 32-bit unsigned int (the fields of {@code struct pcap_stat}) to a
 * 64-bit total, so that a long-running capture does not see its drop count fall back to zero after
 * 2^32 packets. Requires reads at least once per wrap, which a periodic poll gives by a wide margin.
 */
final class UnsignedCounter32 {
    private long last;
    private long total;

    /** Takes a new reading (0..2^32-1) and returns the 64-bit total so far. */
    long update(long reading) {
        if (reading < 0 || reading > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a 32-bit unsigned counter value: " + reading);
        }
        total += (reading - last) & 0xFFFF_FFFFL;
        last = reading;
        return total;
    }

    long total() {
        return total;
    }
}
