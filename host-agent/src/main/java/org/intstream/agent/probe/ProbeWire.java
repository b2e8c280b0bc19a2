package org.intstream.agent.probe;

import java.nio.charset.StandardCharsets;

/**
 * The probe's exchange over one TCP connection from the sending agent to the receiving agent's listener:
 * the sender writes {@link #MAGIC} and then data until its limits, and shuts its side down; the receiver
 * counts the data bytes and the time from the first to the last of them, and answers with two big-endian
 * longs: the byte count and the nanoseconds.
 */
final class ProbeWire {
    static final byte[] MAGIC = "ISBWPRB1".getBytes(StandardCharsets.US_ASCII);
    static final int REPLY_BYTES = 16;
    static final int CHUNK = 64 << 10;

    private ProbeWire() {
    }
}
