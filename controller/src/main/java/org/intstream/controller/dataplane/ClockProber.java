package org.intstream.controller.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.intstream.query.partition.SwitchField;
import org.intstream.query.partition.SwitchMatch;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.TupleMasks;

/**
 * Measures a switch's clock against the controller's with probe packets, NTP-style. A temporary slot reports
 * every frame of IPv4 protocol {@value #PROBE_PROTOCOL} (RFC 3692, experiments) to {@link #PROBE_DST} on its
 * first packet (threshold 0, keyed by the source address); each probe is a packet-out through the tables with
 * its own source address, so the slot's "already reported" cache never holds it back. The controller notes its
 * wall clock before sending a probe and when the probe's report arrives; the report carries the switch's
 * timestamp. The probe with the shortest round trip gives the offset ({@link ClockCalibration}). The slot is
 * removed afterwards. Writing the offset is left to the caller.
 *
 * <p>Probe frames go to a locally administered unicast MAC no forwarding entry should hold, so the switch
 * drops them after cloning the report; their reports are taken by {@link #offer} and should never reach the
 * queries' decoding. Shared by the standalone controller and the ONOS application. Thread-safe; one
 * calibration at a time.
 */
public final class ClockProber {
    /** The IPv4 protocol of probe frames. */
    public static final int PROBE_PROTOCOL = 253;
    /** The probes' IPv4 destination, 198.19.255.254 (the benchmarking range, RFC 2544). */
    public static final int PROBE_DST = (198 << 24) | (19 << 16) | (255 << 8) | 254;
    /** The temporary slot's name: not a query name (those are identifiers). */
    public static final String PROBE_SLOT = "#clock-probe";
    /** The probes' sources are 198.18.0.0/16, one per probe in turn. */
    private static final int PROBE_SRC_BASE = (198 << 24) | (18 << 16);
    private static final byte[] PROBE_MAC_DST = {0x02, 0x49, 0x53, 0x43, 0x4c, 0x4b};
    private static final byte[] PROBE_MAC_SRC = {0x02, 0x49, 0x53, 0x43, 0x54, 0x4c};
    private static final long PROBE_WINDOW_MICROS = 1_000_000;
    private static final int PROBE_ROW_WIDTH = 64;
    private static final int ETHERNET_BYTES = 14;
    private static final int IPV4_BYTES = 20;

    private final LongSupplier wallMicros;
    private final Map<Integer, CompletableFuture<long[]>> pending = new ConcurrentHashMap<>();
    private int nextProbe;

    /** @param wallMicros the controller's clock, Unix microseconds (the clock its windows follow) */
    public ClockProber(LongSupplier wallMicros) {
        this.wallMicros = wallMicros;
    }

    /**
     * Sends {@code probes} probes, one after the other's answer (or {@code answerTimeoutMillis} without one),
     * and estimates the offset from those answered.
     *
     * @throws IllegalStateException when no probe was answered
     * @throws org.intstream.query.switchgen.SwitchResourceException when no slot is free for the probes
     * @throws RuntimeException when the switch refuses the writes or the packet-outs
     */
    public synchronized ClockCalibration calibrate(ClockProbeTarget target, int probes, long answerTimeoutMillis) {
        if (probes < 1) {
            throw new IllegalArgumentException("a calibration needs at least one probe, not " + probes);
        }
        target.installProbeSlot(probeStage());
        long offsetInForce = target.clockOffsetMicros();
        List<ClockProbe> answered = new ArrayList<>();
        try {
            for (int i = 0; i < probes; i++) {
                int src = PROBE_SRC_BASE | (nextProbe++ & 0xFFFF);
                CompletableFuture<long[]> answer = new CompletableFuture<>();
                pending.put(src, answer);
                try {
                    long sent = wallMicros.getAsLong();
                    target.sendThroughTables(probeFrame(src));
                    long[] got = answer.get(answerTimeoutMillis, TimeUnit.MILLISECONDS);
                    answered.add(new ClockProbe(sent, got[0], got[1], offsetInForce));
                } catch (TimeoutException e) {
                    // Lost or rate-limited by the report meter: the other probes decide.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("clock calibration interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                } finally {
                    pending.remove(src);
                }
            }
        } finally {
            target.removeProbeSlot();
        }
        try {
            return ClockCalibration.of(answered, probes);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + " within " + answerTimeoutMillis
                    + " ms each: the switch sent no report for them", e);
        }
    }

    /**
     * Takes a packet-in if it is the report of a probe (answering the probe waiting for it, if any).
     *
     * @return true when the payload was a probe's report, which no one else should decode
     */
    public boolean offer(byte[] payload) {
        long received = wallMicros.getAsLong();
        int src = probeSource(payload);
        if (src == 0) {
            return false;
        }
        CompletableFuture<long[]> answer = pending.get(src);
        if (answer != null) {
            answer.complete(new long[] {received, SwitchReportFrame.parse(payload).timestampMicros()});
        }
        return true;
    }

    /** The source address of the probe a report packet-in reports, or 0 when it is not a probe's report. */
    public static int probeSource(byte[] payload) {
        int ip = SwitchReportFrame.HEADER_BYTES + ETHERNET_BYTES;
        if (!SwitchReportFrame.isReport(payload) || payload.length < ip + IPV4_BYTES
                || u16(payload, ip - 2) != 0x0800 || (payload[ip + 9] & 0xFF) != PROBE_PROTOCOL
                || i32(payload, ip + 16) != PROBE_DST) {
            return 0;
        }
        return i32(payload, ip + 12);
    }

    /** The probe slot's stage: every probe frame, keyed by its source, reported on its first packet. */
    public static SwitchStage probeStage() {
        SwitchMatch filter = SwitchMatch.ANY.and(SwitchField.IP_PROTO, PROBE_PROTOCOL, SwitchField.IP_PROTO.fullMask())
                .and(SwitchField.IPV4_DST, PROBE_DST & 0xFFFFFFFFL, SwitchField.IPV4_DST.fullMask());
        return new SwitchStage(PROBE_SLOT, List.of(filter), new TupleMasks(-1, 0, 0, 0, 0), null,
                SwitchStage.Operation.PACKETS, 0, PROBE_WINDOW_MICROS, PROBE_ROW_WIDTH, false, List.of("src"));
    }

    /** Ethernet and an IPv4 header without payload (TTL 1: never routed on), from {@code src}. */
    public static byte[] probeFrame(int src) {
        byte[] f = new byte[ETHERNET_BYTES + IPV4_BYTES];
        System.arraycopy(PROBE_MAC_DST, 0, f, 0, 6);
        System.arraycopy(PROBE_MAC_SRC, 0, f, 6, 6);
        f[12] = 0x08;
        int ip = ETHERNET_BYTES;
        f[ip] = 0x45;
        f[ip + 3] = IPV4_BYTES;
        f[ip + 8] = 1;
        f[ip + 9] = (byte) PROBE_PROTOCOL;
        put32(f, ip + 12, src);
        put32(f, ip + 16, PROBE_DST);
        int sum = 0;
        for (int i = 0; i < IPV4_BYTES; i += 2) {
            sum += u16(f, ip + i);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        int checksum = ~sum & 0xFFFF;
        f[ip + 10] = (byte) (checksum >>> 8);
        f[ip + 11] = (byte) checksum;
        return f;
    }

    private static void put32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int i32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
