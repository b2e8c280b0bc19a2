package org.intstream.onos.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.intstream.onos.SwitchSlotService;
import org.intstream.onos.testing.CumulativeCounters;
import org.intstream.onos.testing.RecordingFlowRuleService;
import org.intstream.onos.testing.RecordingMeterService;
import org.intstream.onos.testing.TestMastershipService;
import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.NetworkConfigServiceAdapter;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.edge.EdgePortListener;
import org.onosproject.net.edge.EdgePortServiceAdapter;
import org.onosproject.net.packet.PacketServiceAdapter;
import org.onosproject.net.pi.service.PiPipeconfService;
import org.onosproject.net.pi.service.PiPipeconfWatchdogEvent;
import org.onosproject.net.pi.service.PiPipeconfWatchdogListener;
import org.onosproject.net.pi.service.PiPipeconfWatchdogService;

/**
 * An {@link IntStreamRuntimeManager} over the given slot, device, pipeconf and mastership services, with
 * recording flow rule and meter services, edge ports the test sets, counters the test fills, and clocks the
 * test moves; nothing ticks but the test, and clock calibrations wait until the test runs them
 * ({@link #runCalibrations}). Packet-outs go nowhere unless the test sets {@code packetService} before
 * activating. Not activated: call {@link #activate}.
 */
public class WiredRuntimeManager extends IntStreamRuntimeManager {
    public static final ApplicationId APP = new DefaultApplicationId(1, "org.intstream.app");

    public final AtomicLong nowMillis = new AtomicLong();
    /** The controller's clock in microseconds, as probes are timed with. */
    public final AtomicLong nowMicros = new AtomicLong();
    /** Clock calibrations scheduled and not run yet. */
    public final List<Runnable> calibrationsDue = new ArrayList<>();
    public final CumulativeCounters counters = new CumulativeCounters();
    public final RecordingMeterService meters = new RecordingMeterService();
    public final Map<DeviceId, List<ConnectPoint>> edgePoints = new HashMap<>();
    public final List<EdgePortListener> edgeListeners = new ArrayList<>();
    public final List<PiPipeconfWatchdogListener> watchdogListeners = new ArrayList<>();

    public WiredRuntimeManager(SwitchSlotService slots, RecordingFlowRuleService flowRules, DeviceService devices,
            PiPipeconfService pipeconfs, TestMastershipService mastership) {
        coreService = new CoreServiceAdapter() {
            @Override
            public ApplicationId registerApplication(String name) {
                return APP;
            }
        };
        slotService = slots;
        flowRuleService = flowRules;
        deviceService = devices;
        pipeconfService = pipeconfs;
        mastershipService = mastership;
        meterService = meters;
        edgePortService = new EdgePortServiceAdapter() {
            @Override
            public Iterable<ConnectPoint> getEdgePoints(DeviceId deviceId) {
                return edgePoints.getOrDefault(deviceId, List.of());
            }

            @Override
            public void addListener(EdgePortListener listener) {
                edgeListeners.add(listener);
            }

            @Override
            public void removeListener(EdgePortListener listener) {
                edgeListeners.remove(listener);
            }
        };
        netcfgService = new NetworkConfigServiceAdapter();
        watchdogService = new PiPipeconfWatchdogService() {
            @Override
            public void triggerProbe(DeviceId deviceId) {
            }

            @Override
            public PipelineStatus getStatus(DeviceId deviceId) {
                return PipelineStatus.READY;
            }

            @Override
            public void addListener(PiPipeconfWatchdogListener listener) {
                watchdogListeners.add(listener);
            }

            @Override
            public void removeListener(PiPipeconfWatchdogListener listener) {
                watchdogListeners.remove(listener);
            }
        };
        cfgService = new ComponentConfigAdapter();
        clockMillis = nowMillis::get;
        wallMicros = nowMicros::get;
        calibrations = calibrationsDue::add;
        packetService = new PacketServiceAdapter();
        counterReader = counters;
        timed = false;
    }

    /** How long each clock probe's report is waited for, ms. */
    public void probeAnswerMillis(long millis) {
        probeAnswerMillis = millis;
    }

    /** ONOS's pipeconf watchdog pushed the device's pipeline (again): the listeners hear PIPELINE_READY. */
    public void pipelineReady(DeviceId device) {
        PiPipeconfWatchdogEvent event = new PiPipeconfWatchdogEvent(PiPipeconfWatchdogEvent.Type.PIPELINE_READY,
                device);
        for (PiPipeconfWatchdogListener l : List.copyOf(watchdogListeners)) {
            if (l.isRelevant(event)) {
                l.event(event);
            }
        }
    }

    /** Runs the calibrations scheduled so far (and any they schedule), in order. */
    public void runCalibrations() {
        while (!calibrationsDue.isEmpty()) {
            calibrationsDue.remove(0).run();
        }
    }

    // Widened for tests in other packages.
    @Override
    public void activate(Map<String, Object> properties) {
        super.activate(properties);
    }

    @Override
    public void deactivate() {
        super.deactivate();
    }

    @Override
    public void modified(Map<String, Object> properties) {
        super.modified(properties);
    }

    @Override
    public void tick() {
        super.tick();
    }
}
