package org.intstream.onos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_CLOCK_CLOCK;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.intstream.controller.dataplane.ClockCalibration;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.onos.pipeconf.PipeconfLoader;
import org.intstream.onos.rest.SwitchCodec;
import org.intstream.onos.slot.WiredSwitchSlotManager;
import org.intstream.onos.testing.EveryDeviceRunsPipeconf;
import org.intstream.onos.testing.RecordingFlowRuleService;
import org.intstream.onos.testing.RecordingGroupService;
import org.intstream.onos.testing.TestMastershipService;
import org.intstream.query.switchgen.EpochClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.ChassisId;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.pi.PiPipeconfServiceAdapter;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.provider.ProviderId;

/**
 * Clock calibration through ONOS: a BMv2 device that started at a known Unix time answers the probes the
 * runtime sends through the packet service (the probe slot placed through the slot service meanwhile), with
 * delays the test chooses; the offset written is the device's start within half the shortest round trip, lost
 * probes are skipped, no answer keeps the offset in force and says why, and a restarted device is calibrated
 * again. The switches' data shows the measurement.
 */
class DeviceClockCalibratorTest {
    private static final DeviceId S1 = DeviceId.deviceId("device:s1");
    private static final PiPipeconf PIPECONF = PipeconfLoader.buildPipeconf();
    private static final long T0_MILLIS = 1_700_000_000_000L;
    /** BMv2 started 2 h 3 min 4.567891 s before T0. */
    private static final long STARTED_MICROS = T0_MILLIS * 1000 - 7_384_567_891L;

    private final RecordingFlowRuleService slotRules = new RecordingFlowRuleService();
    private final RecordingFlowRuleService setupRules = new RecordingFlowRuleService();
    private final TestMastershipService mastership = new TestMastershipService(S1);
    private final Set<DeviceId> available = new HashSet<>(Set.of(S1));
    private final List<DeviceListener> deviceListeners = new ArrayList<>();
    private WiredSwitchSlotManager slots;
    private WiredRuntimeManager runtime;
    private ProbeAnsweringDevice bmv2;

    @BeforeEach
    void wire() {
        PiPipeconfServiceAdapter pipeconfs = new EveryDeviceRunsPipeconf(PIPECONF);
        slots = new WiredSwitchSlotManager(slotRules, new RecordingGroupService(), pipeconfs);
        DeviceServiceAdapter devices = new DeviceServiceAdapter() {
            @Override
            public Iterable<Device> getAvailableDevices() {
                return available.contains(S1) ? List.of(device()) : List.of();
            }

            @Override
            public boolean isAvailable(DeviceId deviceId) {
                return available.contains(deviceId);
            }

            @Override
            public void addListener(DeviceListener listener) {
                deviceListeners.add(listener);
            }
        };
        runtime = new WiredRuntimeManager(slots, setupRules, devices, pipeconfs, mastership);
        runtime.nowMillis.set(T0_MILLIS);
        runtime.nowMicros.set(T0_MILLIS * 1000);
        runtime.probeAnswerMillis = 20;
        bmv2 = new ProbeAnsweringDevice(S1, runtime.nowMicros, setupRules, slots, slots.listeners);
        bmv2.startMicros = STARTED_MICROS;
        runtime.packetService = bmv2;
    }

    private static Device device() {
        return new DefaultDevice(ProviderId.NONE, S1, Device.Type.SWITCH, "p4.org", "bmv2", "1.15.5", "1",
                new ChassisId());
    }

    private SwitchRuntime s1() {
        return runtime.core().switches().get("device:s1");
    }

    /** The offsets written to the device's clock table, in order. */
    private List<Long> offsetsWritten() {
        List<Long> out = new ArrayList<>();
        for (FlowRule r : setupRules.applied) {
            if (r.table().equals(INT_STREAM_INGRESS_CLOCK_CLOCK)) {
                out.add(java.nio.ByteBuffer.wrap(((org.onosproject.net.pi.runtime.PiAction)
                        ((org.onosproject.net.flow.instructions.PiInstruction) r.treatment().allInstructions().get(0))
                                .action()).parameters().iterator().next().value().asArray()).getLong());
            }
        }
        return out;
    }

    @Test
    void theShortestRoundTripGivesTheDevicesStartWithinHalfOfIt() {
        runtime.activate(Map.of());
        assertThat(runtime.calibrationsDue).as("calibrated on its own thread, after the setup").hasSize(1);
        long unixOffset = EpochClock.offsetForUnixTimestamps(T0_MILLIS * 1000);
        assertThat(offsetsWritten()).containsExactly(unixOffset);
        // Slow and lopsided probes first; the seventh's round trip, 900 us, is the shortest.
        for (int i = 0; i < 6; i++) {
            bmv2.answer(2_000 + 300 * i, 7_000);
        }
        bmv2.answer(300, 600);
        for (int i = 0; i < 9; i++) {
            bmv2.answer(1_500, 1_500);
        }
        runtime.runCalibrations();

        ClockCalibration c = s1().clockCalibration();
        assertThat(c).as("calibrated: " + s1().clockProblem()).isNotNull();
        assertThat(c.probesSent()).isEqualTo(16);
        assertThat(c.probesAnswered()).isEqualTo(16);
        assertThat(c.skewBoundMicros()).isEqualTo(450);
        assertThat(c.offsetMicros()).isBetween(STARTED_MICROS - 450, STARTED_MICROS + 450)
                .isEqualTo(STARTED_MICROS + 150); // (600 - 300) / 2: the way back was the longer
        assertThat(c.correctionMicros()).isEqualTo(c.offsetMicros() - unixOffset);
        assertThat(offsetsWritten()).as("the setup's offset confirmed before the probes, then the measured one")
                .containsExactly(unixOffset, unixOffset, c.offsetMicros());
        assertThat(bmv2.probes).hasSize(16).doesNotHaveDuplicates();
        assertThat(slots.installed(S1)).as("the probe slot removed").isEmpty();
        assertThat(s1().reports()).as("probe reports are no query's").isZero();
        assertThat(s1().clockProblem()).isNull();

        JsonNode shown = SwitchCodec.json(s1(), new ObjectMapper());
        assertThat(shown.get("clock").get("offset_us").asLong()).isEqualTo(c.offsetMicros());
        assertThat(shown.get("clock").get("skew_bound_us").asLong()).isEqualTo(450);
        assertThat(shown.get("clock").get("probes_answered").asInt()).isEqualTo(16);
        assertThat(shown.has("clock_error")).isFalse();

        // A later change of the other properties rewrites the measured offset, not the configured one.
        runtime.modified(Map.of(OsgiPropertyConstants.REPORT_RATE, 500));
        assertThat(offsetsWritten()).last().isEqualTo(c.offsetMicros());
        assertThat(runtime.calibrationsDue).as("calibrated already: not again").isEmpty();
    }

    @Test
    void lostProbesAreSkipped() {
        runtime.activate(Map.of());
        for (int i = 0; i < 8; i++) {
            bmv2.lose().answer(1_000, 1_000);
        }
        runtime.runCalibrations();
        ClockCalibration c = s1().clockCalibration();
        assertThat(c.probesSent()).isEqualTo(16);
        assertThat(c.probesAnswered()).isEqualTo(8);
        assertThat(c.offsetMicros()).isEqualTo(STARTED_MICROS);
        assertThat(c.skewBoundMicros()).isEqualTo(1_000);
    }

    @Test
    void noAnswerKeepsTheOffsetInForceAndSaysWhy() {
        runtime.activate(Map.of());
        long unixOffset = EpochClock.offsetForUnixTimestamps(T0_MILLIS * 1000);
        runtime.runCalibrations();
        assertThat(bmv2.probes).hasSize(16);
        assertThat(s1().clockCalibration()).isNull();
        assertThat(s1().clockProblem()).isEqualTo("switch device:s1: clock calibration failed: none of 16 clock "
                + "probes was answered within 20 ms each: the switch sent no report for them");
        assertThat(offsetsWritten()).containsOnly(unixOffset);
        assertThat(slots.installed(S1)).isEmpty();
        JsonNode shown = SwitchCodec.json(s1(), new ObjectMapper());
        assertThat(shown.get("clock_error").asText()).isEqualTo(s1().clockProblem());
        assertThat(shown.has("clock")).isFalse();
    }

    @Test
    void aRestartedDeviceIsCalibratedAgainToItsNewStart() {
        runtime.activate(Map.of());
        bmv2.answer(500, 500);
        runtime.runCalibrations();
        long first = s1().clockCalibration().offsetMicros();
        assertThat(first).isEqualTo(STARTED_MICROS);

        // BMv2 restarts a minute later: the device is unavailable, then back with a clock counting from zero.
        runtime.nowMicros.addAndGet(60_000_000);
        runtime.nowMillis.addAndGet(60_000);
        setAvailable(false);
        assertThat(runtime.masteredDevices()).isEmpty();
        bmv2.startMicros = runtime.nowMicros.get() - 2_000_000; // up again for 2 s
        setAvailable(true);
        assertThat(offsetsWritten()).as("the setup writes the offset it had").last().isEqualTo(first);
        bmv2.answer(400, 400);
        runtime.runCalibrations();

        ClockCalibration again = s1().clockCalibration();
        assertThat(again.offsetMicros()).isEqualTo(bmv2.startMicros);
        assertThat(again.correctionMicros()).isEqualTo(bmv2.startMicros - first);
        assertThat(offsetsWritten()).last().isEqualTo(bmv2.startMicros);
    }

    @Test
    void aPipelinePushedAgainIsCalibratedAgainOnce() {
        runtime.activate(Map.of());
        runtime.pipelineReady(S1);
        assertThat(runtime.calibrationsDue).as("one already scheduled: not twice").hasSize(1);
        bmv2.answer(500, 500);
        runtime.runCalibrations();
        assertThat(s1().clockCalibration().offsetMicros()).isEqualTo(STARTED_MICROS);
        assertThat(bmv2.probes).hasSize(16);

        // BMv2 restarted while ONOS kept the device available; the watchdog found the pipeline gone and pushed it.
        runtime.nowMicros.addAndGet(30_000_000);
        bmv2.startMicros = runtime.nowMicros.get() - 1_000_000;
        runtime.pipelineReady(S1);
        bmv2.answer(200, 200);
        runtime.runCalibrations();
        assertThat(s1().clockCalibration().offsetMicros()).isEqualTo(bmv2.startMicros);
        assertThat(offsetsWritten()).last().isEqualTo(bmv2.startMicros);

        mastership.setLocalMaster(S1, false);
        runtime.pipelineReady(S1);
        assertThat(runtime.calibrationsDue).as("another instance's device").isEmpty();
    }

    @Test
    void onlyTheDevicesNamedAreCalibratedAndNoneWhenItIsOff() {
        runtime.activate(Map.of(OsgiPropertyConstants.CLOCK_CALIBRATION_DEVICES, "device:s2, device:s3",
                OsgiPropertyConstants.CLOCK_OFFSET_MICROS, 1234));
        runtime.runCalibrations();
        assertThat(bmv2.probes).isEmpty();
        assertThat(offsetsWritten()).containsExactly(1234L);

        runtime.modified(Map.of(OsgiPropertyConstants.CLOCK_CALIBRATION_DEVICES, "device:s1",
                OsgiPropertyConstants.CLOCK_OFFSET_MICROS, 1234));
        bmv2.answer(100, 100);
        runtime.runCalibrations();
        assertThat(s1().clockCalibration().offsetMicros()).isEqualTo(STARTED_MICROS);

        runtime.modified(Map.of(OsgiPropertyConstants.CLOCK_CALIBRATION, "false",
                OsgiPropertyConstants.CLOCK_OFFSET_MICROS, 1234));
        assertThat(runtime.calibrationsDue).isEmpty();
        assertThat(offsetsWritten()).as("calibration off: the configured offset again").last().isEqualTo(1234L);
    }

    private void setAvailable(boolean up) {
        if (up) {
            available.add(S1);
        } else {
            available.remove(S1);
        }
        DeviceEvent event = new DeviceEvent(DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED, device());
        for (DeviceListener l : List.copyOf(deviceListeners)) {
            if (l.isRelevant(event)) {
                l.event(event);
            }
        }
    }
}
