package org.intstream.onos.runtime;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.intstream.controller.dataplane.CalibratedClock;
import org.intstream.controller.dataplane.ClockCalibration;
import org.intstream.controller.dataplane.ClockProbeTarget;
import org.intstream.controller.dataplane.ClockProber;
import org.intstream.onos.AppConstants;
import org.intstream.onos.SwitchSlotService;
import org.intstream.query.partition.SwitchStage;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleOperationsContext;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.PacketService;

/**
 * Measures one device's clock through ONOS with the standalone controller's probes ({@link ClockProber}): the
 * probe slot is placed through the slot service (flow rules, like a query's), each probe is a packet-out
 * through PacketService to OUTPUT:TABLE from the CPU port (which the pipeconf's interpreter turns into
 * {@code through_tables = 1, ingress_port = CPU}), and the probes' reports are taken from the report packet-ins
 * ({@link #offer}) before the core sees them. The offset is written as the {@code clock} table's default entry
 * and confirmed by the device before it counts: the probes' timestamps must carry the offset the calculation
 * assumes. The latest result or failure is kept by the device's {@link CalibratedClock}, which the switches'
 * views show. Thread-safe; one calibration at a time.
 */
final class DeviceClockCalibrator implements ClockProbeTarget {
    /** How long the device may take to confirm a clock offset written to it. */
    static final long WRITE_TIMEOUT_MILLIS = 5000;

    private final DeviceId device;
    private final ApplicationId appId;
    private final SwitchSlotService slots;
    private final PacketService packets;
    private final FlowRuleService flowRules;
    private final ClockProber prober;
    private final CalibratedClock clock;
    /** The offset this app wrote to the device last, us. */
    private volatile long offsetMicros;

    DeviceClockCalibrator(DeviceId device, ApplicationId appId, SwitchSlotService slots, PacketService packets,
            FlowRuleService flowRules, ClockProber prober, CalibratedClock clock) {
        this.device = device;
        this.appId = appId;
        this.slots = slots;
        this.packets = packets;
        this.flowRules = flowRules;
        this.prober = prober;
        this.clock = clock;
    }

    /** The device's clock as the core follows it, with the latest calibration and failure. */
    CalibratedClock clock() {
        return clock;
    }

    /** Notes the offset the runtime wrote to the device (its setup): the one probes are stamped with. */
    void offsetWritten(long micros) {
        offsetMicros = micros;
    }

    /**
     * Measures the clock and writes the offset found; the result, or why it failed, goes to {@link #clock()}.
     *
     * @throws IllegalStateException saying why the clock could not be calibrated (the previous offset stays)
     */
    synchronized ClockCalibration calibrate(int probes, long answerTimeoutMillis) {
        try {
            // The setup's offset may still be on its way to the device: the probes must be stamped with it.
            write(offsetMicros);
            ClockCalibration c = prober.calibrate(this, probes, answerTimeoutMillis);
            write(c.offsetMicros());
            clock.calibrated(c);
            return c;
        } catch (RuntimeException e) {
            String why = "switch " + device + ": clock calibration failed: " + e.getMessage();
            clock.failed(why);
            throw new IllegalStateException(why, e);
        }
    }

    /**
     * Takes a report packet-in if it reports a probe.
     *
     * @return true when it did: it is no query's report
     */
    boolean offer(byte[] payload) {
        return prober.offer(payload);
    }

    @Override
    public void installProbeSlot(SwitchStage stage) {
        if (slots.installed(device).stream().anyMatch(p -> p.stage().query().equals(ClockProber.PROBE_SLOT))) {
            slots.remove(device, ClockProber.PROBE_SLOT); // left by a calibration a lost mastership cut short
        }
        slots.install(device, stage);
    }

    @Override
    public void removeProbeSlot() {
        slots.remove(device, ClockProber.PROBE_SLOT);
    }

    @Override
    public void sendThroughTables(byte[] frame) {
        packets.emit(new DefaultOutboundPacket(device, DefaultTrafficTreatment.builder().setOutput(PortNumber.TABLE)
                .build(), ByteBuffer.wrap(frame), PortNumber.portNumber(AppConstants.CPU_PORT_ID)));
    }

    @Override
    public long clockOffsetMicros() {
        return offsetMicros;
    }

    /** Writes the offset and waits until the device has taken it. */
    private void write(long micros) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        flowRules.apply(FlowRuleOperations.builder().add(DeviceSetupRules.clockOffset(device, appId, micros))
                .build(new FlowRuleOperationsContext() {
                    @Override
                    public void onSuccess(FlowRuleOperations ops) {
                        done.complete(null);
                    }

                    @Override
                    public void onError(FlowRuleOperations ops) {
                        done.completeExceptionally(new IllegalStateException("the device refused the clock offset "
                                + micros + " us"));
                    }
                }));
        try {
            done.get(WRITE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the clock offset", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the device did not confirm the clock offset " + micros + " us within "
                    + WRITE_TIMEOUT_MILLIS + " ms");
        }
        offsetMicros = micros;
    }
}
