package org.intstream.standalone.dataplane;

import java.util.function.LongSupplier;
import org.intstream.controller.dataplane.ClockCalibration;
import org.intstream.controller.dataplane.ClockProbeTarget;
import org.intstream.controller.dataplane.ClockProber;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.p4runtime.PacketOut;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.IntStreamP4;

/**
 * Measures a switch's clock against the controller's with probe packets ({@link ClockProber}, shared with the
 * ONOS application) through the standalone controller's P4Runtime client, and writes the offset that turns it
 * into the controller's Unix time. The probe slot is installed on every port, and probes are packet-outs through
 * the tables from the CPU port. Thread-safe; one calibration at a time.
 */
public final class ClockCalibrator {
    /** The IPv4 protocol of probe frames. */
    public static final int PROBE_PROTOCOL = ClockProber.PROBE_PROTOCOL;
    /** The probes' IPv4 destination, 198.19.255.254. */
    public static final int PROBE_DST = ClockProber.PROBE_DST;
    /** The temporary slot's name. */
    static final String PROBE_SLOT = ClockProber.PROBE_SLOT;

    private final P4RuntimeClient client;
    private final SwitchProgrammer programmer;
    private final ClockProber prober;

    /** @param wallMicros the controller's clock, Unix microseconds (the clock its windows follow) */
    public ClockCalibrator(P4RuntimeClient client, SwitchProgrammer programmer, LongSupplier wallMicros) {
        this.client = client;
        this.programmer = programmer;
        this.prober = new ClockProber(wallMicros);
    }

    /**
     * Sends {@code probes} probes, one after the other's answer (or {@code answerTimeoutMillis} without one),
     * then writes the measured offset.
     *
     * @throws IllegalStateException when no probe was answered (the offset in force stays)
     * @throws org.intstream.query.switchgen.SwitchResourceException when no slot is free for the probes
     * @throws RuntimeException when the switch refuses the writes or the packet-outs
     */
    public synchronized ClockCalibration calibrate(int probes, long answerTimeoutMillis) {
        ClockCalibration c = prober.calibrate(new ProgrammedSwitch(), probes, answerTimeoutMillis);
        programmer.setClockOffset(c.offsetMicros());
        return c;
    }

    /**
     * Takes a packet-in if it is the report of a probe (answering the probe waiting for it, if any).
     *
     * @return true when the payload was a probe's report, which no one else should decode
     */
    public boolean offer(byte[] payload) {
        return prober.offer(payload);
    }

    /** The probe slot's stage: every probe frame, keyed by its source, reported on its first packet. */
    static SwitchStage probeStage() {
        return ClockProber.probeStage();
    }

    /** Ethernet and an IPv4 header without payload (TTL 1: never routed on), from {@code src}. */
    static byte[] probeFrame(int src) {
        return ClockProber.probeFrame(src);
    }

    /** The switch as this controller programs it: the slot on every port, probes from the CPU port. */
    private final class ProgrammedSwitch implements ClockProbeTarget {
        @Override
        public void installProbeSlot(SwitchStage stage) {
            if (programmer.installed().stream().anyMatch(p -> p.stage().query().equals(PROBE_SLOT))) {
                programmer.remove(PROBE_SLOT); // left by a calibration the switch's disconnection cut short
            }
            programmer.installEverywhere(stage);
        }

        @Override
        public void removeProbeSlot() {
            programmer.remove(PROBE_SLOT);
        }

        @Override
        public void sendThroughTables(byte[] frame) {
            client.sendPacketOut(PacketOut.of(frame).metadata("egress_port", 0).metadata("through_tables", 1)
                    .metadata("ingress_port", IntStreamP4.CPU_PORT));
        }

        @Override
        public long clockOffsetMicros() {
            return programmer.clockOffset();
        }
    }
}
