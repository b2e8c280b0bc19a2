package org.intstream.onos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_EGRESS_REPORT_REPORT_METER;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_CLOCK_CLOCK;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_EDGE_PORTS_EDGE_PORTS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.engine.switchtwin.SlotTwin;
import org.intstream.onos.pipeconf.PipeconfLoader;
import org.intstream.onos.slot.WiredSwitchSlotManager;
import org.intstream.onos.testing.EveryDeviceRunsPipeconf;
import org.intstream.onos.testing.ModelConformance;
import org.intstream.onos.testing.RecordingFlowRuleService;
import org.intstream.onos.testing.RecordingGroupService;
import org.intstream.onos.testing.ReportFrames;
import org.intstream.onos.testing.TestMastershipService;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.ChassisId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.edge.EdgePortEvent;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.meter.MeterRequest;
import org.onosproject.net.pi.PiPipeconfServiceAdapter;
import org.onosproject.net.pi.model.PiCounterId;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.provider.ProviderId;

/**
 * The controller core in ONOS over two devices running the pipeconf, this instance the master of s1 only:
 * device setup, per-epoch counter reads merged into windows, and mastership moving the work.
 */
class IntStreamRuntimeManagerTest {
    private static final DeviceId S1 = DeviceId.deviceId("device:s1");
    private static final DeviceId S2 = DeviceId.deviceId("device:s2");
    private static final PiPipeconf PIPECONF = PipeconfLoader.buildPipeconf();
    /** 2023-11-14T22:13:20Z, a multiple of the 1 s window. */
    private static final long T0_MILLIS = 1_700_000_000_000L;
    private static final long EPOCH = T0_MILLIS / 1000;
    private static final int SCANNER = 0x0A000009;

    private final RecordingFlowRuleService slotRules = new RecordingFlowRuleService();
    private final RecordingFlowRuleService setupRules = new RecordingFlowRuleService();
    private final TestMastershipService mastership = new TestMastershipService(S1);
    private WiredSwitchSlotManager slots;
    private WiredRuntimeManager runtime;

    @BeforeEach
    void activate() {
        PiPipeconfServiceAdapter pipeconfs = new EveryDeviceRunsPipeconf(PIPECONF);
        slots = new WiredSwitchSlotManager(slotRules, new RecordingGroupService(), pipeconfs);
        DeviceServiceAdapter devices = new DeviceServiceAdapter() {
            @Override
            public Iterable<Device> getAvailableDevices() {
                return List.of(device(S1), device(S2));
            }

            @Override
            public boolean isAvailable(DeviceId deviceId) {
                return true;
            }
        };
        runtime = new WiredRuntimeManager(slots, setupRules, devices, pipeconfs, mastership);
        runtime.edgePoints.put(S1, List.of(new ConnectPoint(S1, PortNumber.portNumber(1)),
                new ConnectPoint(S1, PortNumber.portNumber(2))));
        runtime.edgePoints.put(S2, List.of(new ConnectPoint(S2, PortNumber.portNumber(4))));
        runtime.nowMillis.set(T0_MILLIS + 100);
        runtime.activate(Map.of());
    }

    private static Device device(DeviceId id) {
        return new DefaultDevice(ProviderId.NONE, id, Device.Type.SWITCH, "p4.org", "bmv2", "1.15.5", "1",
                new ChassisId());
    }

    private static String shipped(String name) throws IOException {
        return Files.readString(Path.of("..", "queries", name + ".isq"));
    }

    @Test
    void activatePreparesOnlyTheDevicesThisInstanceMasters() {
        assertThat(runtime.masteredDevices()).containsExactly(S1);
        assertThat(runtime.core().switches()).containsOnlyKeys("device:s1", "device:s2");
        assertThat(setupRules.applied).allSatisfy(r -> assertThat(r.deviceId()).isEqualTo(S1));
        assertThat(setupRules.applied).extracting(FlowRule::table)
                .containsExactly(INT_STREAM_INGRESS_CLOCK_CLOCK, INT_STREAM_INGRESS_EDGE_PORTS_EDGE_PORTS,
                        INT_STREAM_INGRESS_EDGE_PORTS_EDGE_PORTS);
        for (FlowRule r : setupRules.applied) {
            ModelConformance.assertConforms(r, PIPECONF.pipelineModel());
        }
        assertThat(runtime.meters.submitted).hasSize(1);
        MeterRequest meter = runtime.meters.submitted.get(0);
        assertThat(meter.deviceId()).isEqualTo(S1);
        assertThat(meter.scope().id()).isEqualTo(INT_STREAM_EGRESS_REPORT_REPORT_METER.id());
        assertThat(meter.index()).contains(0L);
    }

    @Test
    void eachEndedEpochIsReadOnceAndCountedAgainstThePreviousReadOfItsHalf() throws IOException {
        // Counts an earlier query left in the slot's counter: never reset, so they must not show up.
        PiCounterId counter = PiCounterId.of(IntStreamP4.slotSketchCounter(0));
        int[] scannerCells = cells();
        addToScanner(counter, scannerCells, EPOCH, 100);

        runtime.core().queries().submit(shipped("port_scan"), Map.of("threshold", "2", "window", "1s"), true);
        assertThat(slots.installed(S1)).extracting(p -> p.stage().query()).containsExactly("port_scan");
        assertThat(slots.installed(S2)).as("s2 is programmed by its own master").isEmpty();
        assertThat(runtime.counters.reads).as("the baseline").containsExactly("device:s1 " + counter.id());

        // Epoch 0: the scanner's 7 ports, and its report.
        addToScanner(counter, scannerCells, EPOCH, 7);
        report(S1, EPOCH * 1_000_000 + 500_000);
        runtime.tick();
        assertThat(runtime.core().results().windows("port_scan")).as("the epoch has not ended").isEmpty();

        runtime.nowMillis.set(T0_MILLIS + 1000 + OsgiPropertyConstants.READ_DELAY_MILLIS_DEFAULT);
        runtime.tick();
        List<MergedWindow> windows = runtime.core().results().windows("port_scan");
        assertThat(windows).hasSize(1);
        assertThat(rows(windows.get(0))).containsExactly("10.0.0.9=7");
        assertThat(windows.get(0).expected()).containsExactly("switch:device:s1");

        // Epoch 2 uses the same half as epoch 0: only what came since its last read counts.
        addToScanner(counter, scannerCells, EPOCH + 2, 5);
        report(S1, (EPOCH + 2) * 1_000_000 + 10);
        runtime.nowMillis.set(T0_MILLIS + 3000 + OsgiPropertyConstants.READ_DELAY_MILLIS_DEFAULT);
        runtime.tick();
        windows = runtime.core().results().windows("port_scan");
        assertThat(windows).hasSize(3);
        assertThat(rows(windows.get(1))).as("no report in epoch 1").isEmpty();
        assertThat(rows(windows.get(2))).containsExactly("10.0.0.9=5");
        assertThat(runtime.counters.reads).hasSize(4);
    }

    @Test
    void aFailedReadIsRetriedAtTheNextTick() throws IOException {
        runtime.core().queries().submit(shipped("port_scan"), Map.of("threshold", "2", "window", "1s"), true);
        report(S1, EPOCH * 1_000_000 + 500_000);
        runtime.counters.failure = "ONOS holds no P4Runtime client for device:s1 (not connected)";
        runtime.nowMillis.set(T0_MILLIS + 2000);
        runtime.tick();
        SwitchRuntime sw = runtime.core().switches().get("device:s1");
        assertThat(sw.lastError()).contains("not connected");
        assertThat(runtime.core().results().windows("port_scan")).isEmpty();

        runtime.counters.failure = null;
        runtime.tick();
        assertThat(runtime.core().results().windows("port_scan")).hasSize(1);
        assertThat(sw.epochsRead()).isEqualTo(1);
    }

    @Test
    void aMastershipChangeMovesProgrammingAndReadingToTheNewMaster() throws IOException {
        runtime.core().queries().submit(shipped("port_scan"), Map.of("threshold", "2", "window", "1s"), true);
        SwitchRuntime s1 = runtime.core().switches().get("device:s1");
        SwitchRuntime s2 = runtime.core().switches().get("device:s2");
        assertThat(s1.runs("port_scan")).isTrue();
        assertThat(s2.runs("port_scan")).isFalse();
        assertThat(s2.queries().get("port_scan")).contains("not the master of device:s2");

        mastership.setLocalMaster(S1, false);
        assertThat(s1.runs("port_scan")).as("the core no longer waits for s1's epochs").isFalse();
        assertThat(slots.installed(S1)).isEmpty();
        assertThat(slotRules.removed).as("the new master keeps the device's rules").isEmpty();
        int readsBefore = runtime.counters.reads.size();
        runtime.nowMillis.set(T0_MILLIS + 5000);
        runtime.tick();
        assertThat(runtime.counters.reads).as("nothing is read from a device mastered elsewhere").hasSize(readsBefore);

        mastership.setLocalMaster(S2, true);
        assertThat(s2.runs("port_scan")).isTrue();
        assertThat(slots.installed(S2)).extracting(SlotProgram::slot).containsExactly(0);
        assertThat(setupRules.applied).filteredOn(r -> r.deviceId().equals(S2)).extracting(FlowRule::table)
                .containsExactly(INT_STREAM_INGRESS_CLOCK_CLOCK, INT_STREAM_INGRESS_EDGE_PORTS_EDGE_PORTS);
        assertThat(runtime.masteredDevices()).containsExactly(S2);
    }

    @Test
    void reportsOfADeviceMasteredElsewhereAreNotCounted() throws IOException {
        runtime.core().queries().submit(shipped("port_scan"), Map.of("threshold", "2", "window", "1s"), true);
        report(S2, EPOCH * 1_000_000 + 500_000);
        assertThat(runtime.core().switches().get("device:s2").reports()).isZero();
        report(S1, EPOCH * 1_000_000 + 500_000);
        assertThat(runtime.core().switches().get("device:s1").reports()).isEqualTo(1);
    }

    @Test
    void edgePortsFollowTheTopologyOnTheMaster() {
        setupRules.applied.clear();
        for (var l : runtime.edgeListeners) {
            l.event(new EdgePortEvent(EdgePortEvent.Type.EDGE_PORT_ADDED, new ConnectPoint(S1, PortNumber.portNumber(5))));
            l.event(new EdgePortEvent(EdgePortEvent.Type.EDGE_PORT_REMOVED, new ConnectPoint(S1, PortNumber.portNumber(1))));
            l.event(new EdgePortEvent(EdgePortEvent.Type.EDGE_PORT_ADDED, new ConnectPoint(S2, PortNumber.portNumber(6))));
        }
        assertThat(setupRules.applied).containsExactly(DeviceSetupRules.edgePort(S1, WiredRuntimeManager.APP,
                PortNumber.portNumber(5)));
        assertThat(setupRules.removed).containsExactly(DeviceSetupRules.edgePort(S1, WiredRuntimeManager.APP,
                PortNumber.portNumber(1)));
    }

    @Test
    void modifiedRewritesTheClockOffsetAndTheMeter() {
        setupRules.applied.clear();
        runtime.meters.submitted.clear();
        runtime.modified(Map.of(OsgiPropertyConstants.CLOCK_OFFSET_MICROS, "42", OsgiPropertyConstants.REPORT_RATE, 50));
        assertThat(setupRules.applied.get(0)).isEqualTo(DeviceSetupRules.clockOffset(S1, WiredRuntimeManager.APP, 42));
        assertThat(runtime.meters.submitted).singleElement()
                .satisfies(m -> assertThat(m.bands()).allSatisfy(b -> assertThat(b.rate()).isEqualTo(50)));
    }

    @Test
    void theDefaultClockOffsetIsTheMultipleOf2To48BelowUnixTime() {
        long offset = runtime.clockOffset();
        assertThat(offset % (1L << 48)).isZero();
        assertThat((T0_MILLIS + 100) * 1000 - offset).isBetween(0L, (1L << 48) - 1);
    }

    private int[] cells() {
        SlotProgram program = SlotProgram.of(stage(), 0);
        return new SlotTwin(program).cellsOf(SCANNER, 0, 0, 0, 0);
    }

    private static org.intstream.query.partition.SwitchStage stage() {
        try {
            org.intstream.query.QueryDefinition q = org.intstream.query.dsl.DslParser.parseQuery(shipped("port_scan"));
            return org.intstream.query.partition.SwitchStageExtractor.extract(q, Map.of("threshold", "2",
                    "window", "1s"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void addToScanner(PiCounterId counter, int[] cells, long epoch, long packets) {
        for (int row = 0; row < IntStreamP4.SKETCH_ROWS; row++) {
            runtime.counters.add(S1, counter, IntStreamP4.sketchCounterIndex(epoch, row, cells[row]), packets,
                    packets * 60);
        }
    }

    /** A report of the scanner's SYN stamped at {@code micros}, slot 0 fired, as the slot manager passes it on. */
    private void report(DeviceId device, long micros) {
        byte[] syn = ReportFrames.tcpFrame(SCANNER, 0x0A000002, 40000, 22, 0x02);
        byte[] payload = ReportFrames.report(0b01, 3, micros, syn);
        new ArrayList<>(slots.listeners).forEach(l -> l.report(device, payload));
    }

    private static List<String> rows(MergedWindow w) {
        return w.rows().stream().map(r -> r[0] + "=" + r[1]).collect(Collectors.toList());
    }
}
