package org.intstream.controller.dataplane;

import org.intstream.query.switchgen.IntStreamP4;

/**
 * A report as it arrives in a packet-in's payload (DESIGN.md, "Switch pipeline"; docs/switch.md):
 * an Ethernet header with IntStream's EtherType, the report header (version, fired slots, ingress port,
 * timestamp), then the reported packet's first bytes. Immutable view over the payload.
 */
public final class SwitchReportFrame {
    /** Ethernet (14) plus report_t (12). */
    public static final int HEADER_BYTES = 26;

    private final byte[] payload;
    private final int fired;
    private final int ingressPort;
    private final long timestampMicros;

    private SwitchReportFrame(byte[] payload, int fired, int ingressPort, long timestampMicros) {
        this.payload = payload;
        this.fired = fired;
        this.ingressPort = ingressPort;
        this.timestampMicros = timestampMicros;
    }

    /** Whether a packet-in payload is a report (its EtherType), as opposed to a punted packet. */
    public static boolean isReport(byte[] payload) {
        return payload.length >= 14 && u16(payload, 12) == IntStreamP4.ETHERTYPE_INTSTREAM_REPORT;
    }

    /**
     * Reads a report.
     *
     * @throws MalformedReportException naming what is wrong and at which byte
     */
    public static SwitchReportFrame parse(byte[] payload) {
        if (payload.length < HEADER_BYTES) {
            throw new MalformedReportException("a report needs " + HEADER_BYTES + " bytes of headers; this one has "
                    + payload.length);
        }
        int type = u16(payload, 12);
        if (type != IntStreamP4.ETHERTYPE_INTSTREAM_REPORT) {
            throw new MalformedReportException(String.format("byte 12: EtherType 0x%04x is not IntStream's 0x%04x",
                    type, IntStreamP4.ETHERTYPE_INTSTREAM_REPORT));
        }
        int version = payload[14] & 0xFF;
        if (version != IntStreamP4.REPORT_VERSION) {
            throw new MalformedReportException("byte 14: report version " + version + "; this controller reads version "
                    + IntStreamP4.REPORT_VERSION);
        }
        int fired = payload[15] & 0xFF;
        if (fired == 0 || fired >= 1 << IntStreamP4.SLOTS) {
            throw new MalformedReportException(String.format("byte 15: fired slots 0x%02x name no slot 0 to %d",
                    fired, IntStreamP4.SLOTS - 1));
        }
        int port = u16(payload, 16);
        long ts = 0;
        for (int i = 0; i < 8; i++) {
            ts = (ts << 8) | (payload[18 + i] & 0xFF);
        }
        return new SwitchReportFrame(payload, fired, port, ts);
    }

    /** Bit i set when slot i fired. */
    public int fired() {
        return fired;
    }

    public boolean fired(int slot) {
        return (fired & (1 << slot)) != 0;
    }

    public int ingressPort() {
        return ingressPort;
    }

    /** The switch clock plus offset when the packet arrived, microseconds. */
    public long timestampMicros() {
        return timestampMicros;
    }

    /** The payload; the reported packet starts at {@link #HEADER_BYTES}. */
    public byte[] payload() {
        return payload;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
}
