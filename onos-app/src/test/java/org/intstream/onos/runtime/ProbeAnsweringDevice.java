package org.intstream.onos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.intstream.controller.dataplane.ClockProber;
import org.intstream.onos.AppConstants;
import org.intstream.onos.SlotHitListener;
import org.intstream.onos.SwitchSlotService;
import org.intstream.onos.pipeconf.InterpreterImpl;
import org.intstream.onos.pipeconf.P4InfoConstants;
import org.intstream.onos.testing.RecordingFlowRuleService;
import org.intstream.onos.testing.ReportFrames;
import org.intstream.query.partition.SwitchField;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.SlotProgram;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.instructions.PiInstruction;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.packet.PacketServiceAdapter;
import org.onosproject.net.pi.model.PiPipelineInterpreter;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiPacketMetadata;
import org.onosproject.net.pi.runtime.PiPacketOperation;

/**
 * A BMv2 device as ONOS's packet service reaches it, for clock probes: its clock counts microseconds from its
 * start, a Unix time the test sets, and it stamps a probe packet-out (as the pipeconf's interpreter maps it:
 * through the tables from the CPU port) with that clock plus the offset last written to its {@code clock}
 * table, one delay after the controller sent it; its report reaches the slot service's listeners another delay
 * later, on the controller's clock the test's {@code nowMicros}. Each probe is answered as the test scripted
 * ({@link #answer}, {@link #lose}); a probe without a script is lost. Other packet-outs are refused.
 */
final class ProbeAnsweringDevice extends PacketServiceAdapter {
    private final DeviceId device;
    private final AtomicLong nowMicros;
    private final RecordingFlowRuleService rules;
    private final SwitchSlotService slots;
    private final List<SlotHitListener> listeners;
    private final Deque<long[]> script = new ArrayDeque<>();
    /** The Unix time, us, at which the device's clock read zero. */
    volatile long startMicros;
    /** Each probe's frame as it arrived, in order. */
    final List<byte[]> probes = new ArrayList<>();

    ProbeAnsweringDevice(DeviceId device, AtomicLong nowMicros, RecordingFlowRuleService rules, SwitchSlotService slots,
            List<SlotHitListener> listeners) {
        this.device = device;
        this.nowMicros = nowMicros;
        this.rules = rules;
        this.slots = slots;
        this.listeners = listeners;
    }

    /** The next probe is stamped {@code outMicros} after it was sent and reported {@code backMicros} later. */
    ProbeAnsweringDevice answer(long outMicros, long backMicros) {
        script.add(new long[] {outMicros, backMicros});
        return this;
    }

    /** The next probe (or its report) is lost. */
    ProbeAnsweringDevice lose() {
        script.add(new long[0]);
        return this;
    }

    @Override
    public void emit(OutboundPacket packet) {
        assertThat(packet.sendThrough()).isEqualTo(device);
        PiPacketOperation out;
        try {
            PiPipelineInterpreter interpreter = new InterpreterImpl();
            List<PiPacketOperation> ops = new ArrayList<>(interpreter.mapOutboundPacket(packet));
            assertThat(ops).hasSize(1);
            out = ops.get(0);
        } catch (PiPipelineInterpreter.PiInterpreterException e) {
            throw new AssertionError("the interpreter refused the probe: " + e.getMessage(), e);
        }
        assertThat(metadata(out, P4InfoConstants.THROUGH_TABLES)).as("through the tables").isEqualTo(1);
        assertThat(metadata(out, P4InfoConstants.INGRESS_PORT)).as("from the CPU port")
                .isEqualTo(AppConstants.CPU_PORT_ID);
        byte[] frame = out.data().asArray();
        SlotProgram slot = slots.installed(device).stream()
                .filter(p -> p.stage().query().equals(ClockProber.PROBE_SLOT)).findFirst()
                .orElseThrow(() -> new AssertionError("a probe while no probe slot is installed on " + device));
        // What the switch's parser gives the slot's filter: not an edge port, the CPU port's packet.
        long[] fields = new long[SwitchField.values().length];
        fields[SwitchField.IPV4_SRC.ordinal()] = ClockProber.probeSource(ReportFrames.report(0, 0, 0, frame))
                & 0xFFFFFFFFL;
        fields[SwitchField.IPV4_DST.ordinal()] = ClockProber.PROBE_DST & 0xFFFFFFFFL;
        fields[SwitchField.IP_PROTO.ordinal()] = frame[14 + 9] & 0xFF;
        fields[SwitchField.IS_EDGE.ordinal()] = 0;
        assertThat(slot.stage().admits(fields)).as("the probe slot counts the probe").isTrue();
        probes.add(frame);
        long[] fate = script.poll();
        if (fate == null || fate.length == 0) {
            return;
        }
        long stamped = nowMicros.addAndGet(fate[0]);
        long timestamp = ((stamped - startMicros) & EpochClock.SWITCH_TIMESTAMP_MASK) + offsetInForce();
        nowMicros.addAndGet(fate[1]);
        byte[] report = ReportFrames.report(1 << slot.slot(), AppConstants.CPU_PORT_ID, timestamp, frame);
        for (SlotHitListener l : List.copyOf(listeners)) {
            l.report(device, report);
        }
    }

    /** The offset of the last clock entry written to the device. */
    long offsetInForce() {
        long offset = 0;
        for (FlowRule r : rules.applied) {
            if (r.deviceId().equals(device) && r.table().equals(P4InfoConstants.INT_STREAM_INGRESS_CLOCK_CLOCK)) {
                PiAction a = (PiAction) ((PiInstruction) r.treatment().allInstructions().get(0)).action();
                offset = ByteBuffer.wrap(a.parameters().iterator().next().value().asArray()).getLong();
            }
        }
        return offset;
    }

    private static long metadata(PiPacketOperation op, org.onosproject.net.pi.model.PiPacketMetadataId id) {
        PiPacketMetadata m = op.metadatas().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + op));
        long v = 0;
        for (byte b : m.value().asArray()) {
            v = v << 8 | (b & 0xFF);
        }
        return v;
    }
}
