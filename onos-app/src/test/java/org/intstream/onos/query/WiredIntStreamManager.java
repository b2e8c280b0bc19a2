package org.intstream.onos.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.onos.pipeconf.PipeconfLoader;
import org.intstream.onos.runtime.WiredRuntimeManager;
import org.intstream.onos.slot.WiredSwitchSlotManager;
import org.intstream.onos.testing.RecordingFlowRuleService;
import org.intstream.onos.testing.RecordingGroupService;
import org.intstream.onos.testing.SimpleIntStreamQueryStore;
import org.intstream.onos.testing.TestMastershipService;
import org.onlab.packet.ChassisId;
import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceListener;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.pi.PiPipeconfServiceAdapter;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.provider.ProviderId;

/**
 * An activated {@link IntStreamManager} over a real slot manager, a real runtime (the controller core), a simple
 * store and three available devices: {@code device:s1} and {@code device:s2} run IntStream's pipeconf,
 * {@code device:basic} does not; this instance is the master of all three unless the test says otherwise. For
 * the tests of the manager and of what uses it (CLI, REST).
 */
public class WiredIntStreamManager extends IntStreamManager {
    public static final DeviceId S1 = DeviceId.deviceId("device:s1");
    public static final DeviceId S2 = DeviceId.deviceId("device:s2");
    public static final DeviceId BASIC = DeviceId.deviceId("device:basic");
    public static final PiPipeconf PIPECONF = PipeconfLoader.buildPipeconf();

    public final RecordingFlowRuleService flowRules = new RecordingFlowRuleService();
    public final SimpleIntStreamQueryStore queryStore = new SimpleIntStreamQueryStore();
    public final List<Device> devices = new ArrayList<>(List.of(device(S1), device(BASIC), device(S2)));
    /** The devices whose pipeconf is IntStream's; tests change it. */
    public final List<DeviceId> intStreamDevices = new ArrayList<>(List.of(S1, S2));
    public final List<DeviceListener> deviceListeners = new ArrayList<>();
    public final List<String> configRegistrations = new ArrayList<>();
    public final WiredSwitchSlotManager slots;
    public final TestMastershipService mastership = new TestMastershipService(S1, S2, BASIC);
    public final WiredRuntimeManager runtimeManager;
    /** The runtime's device setup (clock offset, edge ports), kept apart from the slots' rules. */
    public final RecordingFlowRuleService setupRules = new RecordingFlowRuleService();

    public WiredIntStreamManager() {
        PiPipeconfServiceAdapter pipeconfs = new PiPipeconfServiceAdapter() {
            @Override
            public Optional<PiPipeconf> getPipeconf(DeviceId deviceId) {
                return intStreamDevices.contains(deviceId) ? Optional.of(PIPECONF) : Optional.empty();
            }
        };
        slots = new WiredSwitchSlotManager(flowRules, new RecordingGroupService(), pipeconfs);
        store = queryStore;
        slotService = slots;
        pipeconfService = pipeconfs;
        deviceService = new DeviceServiceAdapter() {
            @Override
            public Iterable<Device> getAvailableDevices() {
                return List.copyOf(devices);
            }

            @Override
            public boolean isAvailable(DeviceId deviceId) {
                return devices.stream().anyMatch(d -> d.id().equals(deviceId));
            }

            @Override
            public void addListener(DeviceListener listener) {
                deviceListeners.add(listener);
            }

            @Override
            public void removeListener(DeviceListener listener) {
                deviceListeners.remove(listener);
            }
        };
        cfgService = new ComponentConfigAdapter() {
            @Override
            public void registerProperties(Class<?> componentClass) {
                configRegistrations.add("register " + componentClass.getSimpleName());
            }

            @Override
            public void unregisterProperties(Class<?> componentClass, boolean clear) {
                configRegistrations.add("unregister " + componentClass.getSimpleName());
            }
        };
        mastershipService = mastership;
        runtimeManager = new WiredRuntimeManager(slots, setupRules, deviceService, pipeconfs, mastership);
        runtimeManager.activate(Map.of());
        runtime = runtimeManager;
        activate(Map.of());
    }

    public static Device device(DeviceId id) {
        return new DefaultDevice(ProviderId.NONE, id, Device.Type.SWITCH, "p4.org", "bmv2", "1.15.5", "1",
                new ChassisId());
    }

    /** A key a device's slot reported, delivered as the slot manager delivers decoded reports. */
    public void report(DeviceId device, SlotHit hit) {
        slots.listeners.forEach(l -> l.hit(device, hit));
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
}
