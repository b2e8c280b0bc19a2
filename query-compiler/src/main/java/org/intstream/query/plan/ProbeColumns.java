package org.intstream.query.plan;

import java.util.List;
import org.intstream.query.type.Type;

/**
 * The columns of a {@code probe} source's rows, one row per probe sent: when it was sent, what was measured
 * from where to where, and the result. A result that could not be measured is absent, and {@code probe.lost}
 * says so; {@code probe.error} says why.
 */
public final class ProbeColumns {
    public static final String TS = "ts";
    public static final String KIND = "probe.kind";
    public static final String ORIGIN = "probe.origin";
    public static final String TARGET = "probe.target";
    public static final String PORT = "probe.port";
    public static final String RTT_US = "probe.rtt_us";
    public static final String BANDWIDTH_BPS = "probe.bandwidth_bps";
    public static final String BYTES = "probe.bytes";
    public static final String LOST = "probe.lost";
    public static final String ERROR = "probe.error";

    private static final Schema SCHEMA = Schema.of(List.of(
            new Column(TS, Type.TIMESTAMP),
            new Column(KIND, Type.STRING),
            new Column(ORIGIN, Type.STRING),
            new Column(TARGET, Type.IP),
            new Column(PORT, Type.INT),
            new Column(RTT_US, Type.INT),
            new Column(BANDWIDTH_BPS, Type.INT),
            new Column(BYTES, Type.INT),
            new Column(LOST, Type.BOOL),
            new Column(ERROR, Type.STRING)));

    /** What each column means, in schema order (for {@code intstream fields} and the docs). */
    private static final List<String> MEANINGS = List.of(
            "when the probe was sent, microseconds since the Unix epoch",
            "tcp, icmp or bandwidth",
            "where the probe ran: the agent's id, or the local host for intstream run",
            "the address probed (absent when a host name did not resolve)",
            "the TCP port probed, or the peer's probe listener port for bandwidth (absent for icmp)",
            "round-trip time in microseconds (absent when lost, and for bandwidth)",
            "throughput the receiver measured, in bits per second (bandwidth only; absent when lost)",
            "bytes the receiver got from a bandwidth probe (bandwidth only; absent when lost)",
            "true when the probe got no answer",
            "why the probe got no answer, or an answer other than success (absent otherwise)");

    private ProbeColumns() {
    }

    public static Schema schema() {
        return SCHEMA;
    }

    public static String meaning(String column) {
        int i = SCHEMA.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no probe column '" + column + "'");
        }
        return MEANINGS.get(i);
    }
}
