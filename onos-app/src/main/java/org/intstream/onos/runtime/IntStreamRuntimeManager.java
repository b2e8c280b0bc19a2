package org.intstream.onos.runtime;

import static org.intstream.onos.runtime.OsgiPropertyConstants.AGENT_TOKEN;
import static org.intstream.onos.runtime.OsgiPropertyConstants.AGENT_TOKEN_DEFAULT;
import static org.intstream.onos.runtime.OsgiPropertyConstants.CLOCK_CALIBRATION;
import static org.intstream.onos.runtime.OsgiPropertyConstants.CLOCK_CALIBRATION_DEFAULT;
import static org.intstream.onos.runtime.OsgiPropertyConstants.CLOCK_CALIBRATION_DEVICES;
import static org.intstream.onos.runtime.OsgiPropertyConstants.CLOCK_CALIBRATION_DEVICES_DEFAULT;
import static org.intstream.onos.runtime.OsgiPropertyConstants.CLOCK_OFFSET_MICROS;
import static org.intstream.onos.runtime.OsgiPropertyConstants.CLOCK_OFFSET_MICROS_DEFAULT;
import static org.intstream.onos.runtime.OsgiPropertyConstants.GRACE_MILLIS;
import static org.intstream.onos.runtime.OsgiPropertyConstants.GRACE_MILLIS_DEFAULT;
import static org.intstream.onos.runtime.OsgiPropertyConstants.READ_DELAY_MILLIS;
import static org.intstream.onos.runtime.OsgiPropertyConstants.READ_DELAY_MILLIS_DEFAULT;
import static org.intstream.onos.runtime.OsgiPropertyConstants.REPORT_BURST;
import static org.intstream.onos.runtime.OsgiPropertyConstants.REPORT_BURST_DEFAULT;
import static org.intstream.onos.runtime.OsgiPropertyConstants.REPORT_RATE;
import static org.intstream.onos.runtime.OsgiPropertyConstants.REPORT_RATE_DEFAULT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.intstream.controller.dataplane.CalibratedClock;
import org.intstream.controller.dataplane.ClockCalibration;
import org.intstream.controller.dataplane.ClockProber;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.onos.AppConstants;
import org.intstream.onos.IntStreamRuntimeService;
import org.intstream.onos.SlotHitListener;
import org.intstream.onos.SwitchSlotService;
import org.intstream.query.switchgen.EpochClock;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.edge.EdgePortEvent;
import org.onosproject.net.edge.EdgePortListener;
import org.onosproject.net.edge.EdgePortService;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.meter.MeterService;
import org.onosproject.net.packet.PacketService;
import org.onosproject.net.pi.service.PiPipeconfService;
import org.onosproject.net.pi.service.PiPipeconfWatchdogEvent;
import org.onosproject.net.pi.service.PiPipeconfWatchdogListener;
import org.onosproject.net.pi.service.PiPipeconfWatchdogService;
import org.onosproject.p4runtime.api.P4RuntimeController;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controller core in ONOS. Every available device running IntStream's pipeconf is one of the core's
 * switches; the instance that is a device's master prepares it (clock offset, edge ports, report meter),
 * installs the running queries' switch stages and reads each ended epoch's slot counters, and a mastership
 * change moves all of that to the new master. Report packet-ins reach the core through the slot service; a
 * timer reads ended epochs and publishes windows whose grace has passed.
 *
 * <p>With {@code clockCalibration} on, the master also measures a device's clock with probe packets
 * ({@link DeviceClockCalibrator}) each time it takes the device over: when it becomes master, when the device
 * comes back after a restart (it is unavailable in between, and its clock starts again from zero), and when
 * ONOS's pipeconf watchdog pushed its pipeline again (a restart ONOS saw only as a lost pipeline). The
 * calibration runs on a thread of its own, after the device's setup and the running queries' installation;
 * until it ends, and when it fails, the device keeps the offset it had.
 */
@Component(immediate = true, service = IntStreamRuntimeService.class,
        property = {
            AGENT_TOKEN + "=" + AGENT_TOKEN_DEFAULT,
            GRACE_MILLIS + ":Long=" + GRACE_MILLIS_DEFAULT,
            READ_DELAY_MILLIS + ":Long=" + READ_DELAY_MILLIS_DEFAULT,
            CLOCK_OFFSET_MICROS + ":Long=" + CLOCK_OFFSET_MICROS_DEFAULT,
            CLOCK_CALIBRATION + ":Boolean=" + CLOCK_CALIBRATION_DEFAULT,
            CLOCK_CALIBRATION_DEVICES + "=" + CLOCK_CALIBRATION_DEVICES_DEFAULT,
            REPORT_RATE + ":Long=" + REPORT_RATE_DEFAULT,
            REPORT_BURST + ":Long=" + REPORT_BURST_DEFAULT,
        })
public class IntStreamRuntimeManager implements IntStreamRuntimeService {
    /** How often ended epochs are read and expired windows published. */
    static final long TICK_MILLIS = 100;
    /** Probes per calibration, as the standalone controller sends: the shortest round trip of 16 is near the best. */
    static final int CALIBRATION_PROBES = 16;

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    CoreService coreService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    DeviceService deviceService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    MastershipService mastershipService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    PiPipeconfService pipeconfService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    SwitchSlotService slotService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    FlowRuleService flowRuleService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    MeterService meterService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    PacketService packetService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    PiPipeconfWatchdogService watchdogService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    EdgePortService edgePortService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    NetworkConfigService netcfgService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    P4RuntimeController p4RuntimeController;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    ComponentConfigService cfgService;

    /** The wall clock in Unix milliseconds; tests set their own before activation. */
    LongSupplier clockMillis = System::currentTimeMillis;
    /** How slot counters are read; tests set their own before activation. */
    IndirectCounterReader counterReader;
    /** Whether a timer ticks the core; tests tick it themselves. */
    boolean timed = true;
    /** The controller's clock for probes, Unix microseconds; tests set their own before activation. */
    LongSupplier wallMicros = IntStreamRuntimeManager::wallMicrosNow;
    /** Where calibrations run; a thread of the app's own unless a test sets one before activation. */
    Executor calibrations;
    /** How long a probe's report is waited for before the next probe goes, ms. */
    long probeAnswerMillis = 500;

    private final InternalDeviceListener deviceListener = new InternalDeviceListener();
    private final InternalMastershipListener mastershipListener = new InternalMastershipListener();
    private final InternalEdgePortListener edgeListener = new InternalEdgePortListener();
    private final InternalReportListener reportListener = new InternalReportListener();
    private final InternalWatchdogListener watchdogListener = new InternalWatchdogListener();
    /** Devices with a calibration scheduled or running: a second request meanwhile adds nothing. */
    private final Set<DeviceId> calibrating = ConcurrentHashMap.newKeySet();
    private final Map<DeviceId, DeviceSwitchLink> links = new ConcurrentHashMap<>();
    private final Map<DeviceId, DeviceClockCalibrator> calibrators = new ConcurrentHashMap<>();
    private ExecutorService calibrationThread;
    private ApplicationId appId;
    private ControllerCore core;
    private ScheduledExecutorService timer;
    /** The secret agents present in their hello (empty: none); read when the app starts. */
    private String agentToken = AGENT_TOKEN_DEFAULT;
    /** How long an ended window waits for late partials, ms; read when the app starts. */
    private long graceMillis = GRACE_MILLIS_DEFAULT;
    /** How long after an epoch's end its slot counters are read, ms; for switches seen from then on. */
    private volatile long readDelayMillis = READ_DELAY_MILLIS_DEFAULT;
    /**
     * The switches' clock offset in us; negative: the multiple of 2^48 below Unix time now; kept by a device
     * while its calibration fails.
     */
    private volatile long clockOffsetMicros = CLOCK_OFFSET_MICROS_DEFAULT;
    /** The report meter's rate, packets per second. */
    private volatile long reportRate = REPORT_RATE_DEFAULT;
    /** The report meter's burst, packets. */
    private volatile long reportBurst = REPORT_BURST_DEFAULT;
    /**
     * Whether switches' clocks are measured with probe packets when their master takes them over (BMv2's
     * counts from its start).
     */
    private volatile boolean clockCalibration = CLOCK_CALIBRATION_DEFAULT;
    /** The devices whose clocks are calibrated, comma-separated device ids; empty: all. */
    private volatile String clockCalibrationDevices = CLOCK_CALIBRATION_DEVICES_DEFAULT;

    @Activate
    protected void activate(Map<String, Object> properties) {
        appId = coreService.registerApplication(AppConstants.APP_NAME);
        cfgService.registerProperties(IntStreamRuntimeManager.class);
        readDeviceProperties(properties);
        agentToken = PropertyValues.string(properties, AGENT_TOKEN, AGENT_TOKEN_DEFAULT);
        graceMillis = PropertyValues.nonNegativeLong(properties, GRACE_MILLIS, GRACE_MILLIS_DEFAULT);
        ControllerSettings settings = ControllerSettings.defaults().withToken(agentToken).withGraceMillis(graceMillis);
        core = new ControllerCore(settings, clockMillis);
        if (counterReader == null) {
            counterReader = new P4RuntimeCounterReader(p4RuntimeController, pipeconfService, netcfgService);
        }
        if (calibrations == null) {
            calibrationThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "intstream-clock-calibration");
                t.setDaemon(true);
                return t;
            });
            calibrations = calibrationThread;
        }
        slotService.addListener(reportListener);
        deviceService.addListener(deviceListener);
        mastershipService.addListener(mastershipListener);
        edgePortService.addListener(edgeListener);
        watchdogService.addListener(watchdogListener);
        for (Device d : deviceService.getAvailableDevices()) {
            deviceSeen(d.id());
        }
        if (timed) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "intstream-core-tick");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        if (timer != null) {
            timer.shutdownNow();
        }
        watchdogService.removeListener(watchdogListener);
        edgePortService.removeListener(edgeListener);
        mastershipService.removeListener(mastershipListener);
        deviceService.removeListener(deviceListener);
        slotService.removeListener(reportListener);
        // After the listeners: no device event schedules a calibration any more.
        if (calibrationThread != null) {
            calibrationThread.shutdownNow();
            calibrationThread = null;
            calibrations = null;
        }
        cfgService.unregisterProperties(IntStreamRuntimeManager.class, false);
        links.clear();
        calibrators.clear();
        log.info("Stopped");
    }

    /**
     * Clock offset, meter and read delay apply to the devices at once; token and grace at the next start. A
     * device newly chosen for calibration that has none yet is calibrated now.
     */
    @Modified
    protected void modified(Map<String, Object> properties) {
        readDeviceProperties(properties);
        for (DeviceSwitchLink link : links.values()) {
            if (link.master()) {
                prepare(link.device());
                if (calibrates(link.device()) && calibrators.get(link.device()).clock().calibration() == null) {
                    scheduleCalibration(link.device());
                }
            }
        }
    }

    private void readDeviceProperties(Map<String, Object> properties) {
        readDelayMillis = PropertyValues.nonNegativeLong(properties, READ_DELAY_MILLIS, READ_DELAY_MILLIS_DEFAULT);
        clockOffsetMicros = PropertyValues.anyLong(properties, CLOCK_OFFSET_MICROS, CLOCK_OFFSET_MICROS_DEFAULT);
        reportRate = PropertyValues.positiveLong(properties, REPORT_RATE, REPORT_RATE_DEFAULT);
        reportBurst = PropertyValues.positiveLong(properties, REPORT_BURST, REPORT_BURST_DEFAULT);
        clockCalibration = PropertyValues.bool(properties, CLOCK_CALIBRATION, CLOCK_CALIBRATION_DEFAULT);
        clockCalibrationDevices = PropertyValues.string(properties, CLOCK_CALIBRATION_DEVICES,
                CLOCK_CALIBRATION_DEVICES_DEFAULT);
    }

    @Override
    public ControllerCore core() {
        return core;
    }

    @Override
    public Set<DeviceId> masteredDevices() {
        Set<DeviceId> out = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (DeviceSwitchLink link : links.values()) {
            if (link.master()) {
                out.add(link.device());
            }
        }
        return out;
    }

    /** Reads ended epochs and publishes expired windows; a failure is logged and retried at the next tick. */
    void tick() {
        try {
            core.tick();
        } catch (RuntimeException e) {
            log.warn("Core tick failed: {}", e.toString());
        }
    }

    /** The offset written to the switches' clock table now, unless a device's calibration found its own. */
    long clockOffset() {
        return clockOffsetMicros >= 0 ? clockOffsetMicros
                : EpochClock.offsetForUnixTimestamps(clockMillis.getAsLong() * 1000);
    }

    /** The offset for a device: its calibration's while it is calibrated, else the configured one. */
    private long clockOffset(DeviceId device) {
        ClockCalibration c = calibrators.get(device).clock().calibration();
        return c != null && calibrates(device) ? c.offsetMicros() : clockOffset();
    }

    /** Whether the device's clock is measured with probes. */
    private boolean calibrates(DeviceId device) {
        Set<String> only = PropertyValues.list(clockCalibrationDevices);
        return clockCalibration && (only.isEmpty() || only.contains(device.toString()));
    }

    /**
     * Measures the device's clock on the calibration thread, if this instance still masters it then; unless one
     * is already scheduled or running (taking a device over and its pipeline's push may come together).
     */
    private void scheduleCalibration(DeviceId device) {
        if (!calibrating.add(device)) {
            return;
        }
        calibrations.execute(() -> {
            try {
                DeviceSwitchLink link = links.get(device);
                if (link == null || !link.master() || !calibrates(device)) {
                    return;
                }
                ClockCalibration c = calibrators.get(device).calibrate(CALIBRATION_PROBES, probeAnswerMillis);
                log.info("{}: clock calibrated: {}", device, c);
            } catch (RuntimeException e) {
                // Kept by the device's clock and shown with the switch; the previous offset stays.
                log.warn("{}", e.getMessage());
            } finally {
                calibrating.remove(device);
            }
        });
    }

    /** The controller's wall clock in microseconds (finer than the milliseconds its windows are kept in). */
    private static long wallMicrosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** A device running the pipeconf becomes one of the core's switches (once), then follows its mastership. */
    private void deviceSeen(DeviceId device) {
        if (!runsIntStream(device)) {
            return;
        }
        synchronized (this) {
            if (!links.containsKey(device)) {
                DeviceSwitchLink link = new DeviceSwitchLink(device, slotService, counterReader);
                // Followed by the wall clock, as every switch whose offset makes its clock Unix time; it keeps
                // the latest calibration, if the device is calibrated, for the switches' views.
                CalibratedClock clock = new CalibratedClock(clockMillis);
                calibrators.put(device, new DeviceClockCalibrator(device, appId, slotService, packetService,
                        flowRuleService, new ClockProber(wallMicros), clock));
                links.put(device, link);
                core.addSwitch(link, clock, readDelayMillis);
            }
        }
        followMastership(device);
    }

    /**
     * Takes the device over when this instance became its master (prepare, install the running queries) or
     * hands it over when it no longer is (the core stops expecting its epochs; nothing on the device changes).
     */
    private synchronized void followMastership(DeviceId device) {
        DeviceSwitchLink link = links.get(device);
        if (link == null) {
            return;
        }
        boolean master = deviceService.isAvailable(device) && mastershipService.isLocalMaster(device);
        if (master == link.master()) {
            return;
        }
        SwitchRuntime sw = core.switches().get(link.name());
        link.master(master);
        if (master) {
            prepare(device);
            for (DeployedQuery q : core.queries().list()) {
                sw.deploy(q);
            }
            log.info("{}: this instance is its master; programming and reading it", device);
            if (calibrates(device)) {
                scheduleCalibration(device);
            }
        } else {
            for (DeployedQuery q : core.queries().list()) {
                sw.undeploy(q);
            }
            slotService.forget(device);
            log.info("{}: no longer its master (or unavailable); left to its master", device);
        }
    }

    /** What every slot relies on: the clock offset, the edge ports, the report meter. */
    private void prepare(DeviceId device) {
        List<FlowRule> rules = new ArrayList<>();
        long offset = clockOffset(device);
        calibrators.get(device).offsetWritten(offset);
        rules.add(DeviceSetupRules.clockOffset(device, appId, offset));
        for (ConnectPoint edge : edgePortService.getEdgePoints(device)) {
            rules.add(DeviceSetupRules.edgePort(device, appId, edge.port()));
        }
        flowRuleService.applyFlowRules(rules.toArray(new FlowRule[0]));
        try {
            meterService.submit(ReportMeterRequests.add(device, appId, reportRate, reportBurst));
        } catch (RuntimeException e) {
            log.warn("{}: the report meter was refused ({}); reports are not rate-limited", device, e.getMessage());
        }
        log.info("{}: clock offset {} us, {} edge ports, reports limited to {}/s", device, offset,
                rules.size() - 1, reportRate);
    }

    private boolean runsIntStream(DeviceId device) {
        return pipeconfService.getPipeconf(device).map(p -> p.id().equals(AppConstants.PIPECONF_ID)).orElse(false);
    }

    private final class InternalDeviceListener implements DeviceListener {
        @Override
        public boolean isRelevant(DeviceEvent event) {
            return event.type() == DeviceEvent.Type.DEVICE_ADDED
                    || event.type() == DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED
                    || event.type() == DeviceEvent.Type.DEVICE_REMOVED;
        }

        @Override
        public void event(DeviceEvent event) {
            DeviceId device = event.subject().id();
            if (links.containsKey(device)) {
                followMastership(device);
            } else if (deviceService.isAvailable(device)) {
                deviceSeen(device);
            }
        }
    }

    private final class InternalMastershipListener implements MastershipListener {
        @Override
        public boolean isRelevant(MastershipEvent event) {
            return event.type() == MastershipEvent.Type.MASTER_CHANGED;
        }

        @Override
        public void event(MastershipEvent event) {
            DeviceId device = event.subject();
            if (links.containsKey(device)) {
                followMastership(device);
            } else if (deviceService.isAvailable(device)) {
                deviceSeen(device);
            }
        }
    }

    /** Edge ports come and go with links: the master keeps the device's edge_ports table in step. */
    private final class InternalEdgePortListener implements EdgePortListener {
        @Override
        public void event(EdgePortEvent event) {
            ConnectPoint point = event.subject();
            DeviceSwitchLink link = links.get(point.deviceId());
            if (link == null || !link.master()) {
                return;
            }
            FlowRule rule;
            try {
                rule = DeviceSetupRules.edgePort(point.deviceId(), appId, point.port());
            } catch (IllegalArgumentException e) {
                log.debug("Edge port not marked: {}", e.getMessage());
                return;
            }
            if (event.type() == EdgePortEvent.Type.EDGE_PORT_ADDED) {
                flowRuleService.applyFlowRules(rule);
            } else {
                flowRuleService.removeFlowRules(rule);
            }
        }
    }

    /** A pipeline pushed again means a restarted switch, whose clock started again from zero. */
    private final class InternalWatchdogListener implements PiPipeconfWatchdogListener {
        @Override
        public boolean isRelevant(PiPipeconfWatchdogEvent event) {
            return event.type() == PiPipeconfWatchdogEvent.Type.PIPELINE_READY;
        }

        @Override
        public void event(PiPipeconfWatchdogEvent event) {
            DeviceSwitchLink link = links.get(event.subject());
            if (link != null && link.master() && calibrates(link.device())) {
                scheduleCalibration(link.device());
            }
        }
    }

    /** Report packet-ins go to the core, which keeps their keys per epoch and follows the switch's clock. */
    private final class InternalReportListener implements SlotHitListener {
        @Override
        public void hit(DeviceId device, SlotHit hit) {
        }

        @Override
        public void report(DeviceId device, byte[] payload) {
            DeviceClockCalibrator calibrator = calibrators.get(device);
            if (calibrator != null && calibrator.offer(payload)) {
                return; // a clock probe's: no query's
            }
            DeviceSwitchLink link = links.get(device);
            if (link != null && link.master()) {
                core.onSwitchReport(link.name(), payload);
            }
        }
    }
}
