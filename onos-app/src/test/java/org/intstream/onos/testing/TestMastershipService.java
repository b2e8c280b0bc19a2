package org.intstream.onos.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipInfo;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipServiceAdapter;
import org.onosproject.net.DeviceId;
import org.onosproject.net.MastershipRole;

/**
 * Mastership of one ONOS instance among several: the devices it is the master of, changed by the test, each
 * change told to the listeners as ONOS does (MASTER_CHANGED).
 */
public class TestMastershipService extends MastershipServiceAdapter {
    private final Set<DeviceId> mastered = new HashSet<>();
    public final List<MastershipListener> listeners = new ArrayList<>();

    public TestMastershipService(DeviceId... masterOf) {
        mastered.addAll(List.of(masterOf));
    }

    @Override
    public MastershipRole getLocalRole(DeviceId deviceId) {
        return mastered.contains(deviceId) ? MastershipRole.MASTER : MastershipRole.STANDBY;
    }

    @Override
    public boolean isLocalMaster(DeviceId deviceId) {
        return mastered.contains(deviceId);
    }

    @Override
    public void addListener(MastershipListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MastershipListener listener) {
        listeners.remove(listener);
    }

    /** This instance becomes (or stops being) the device's master; the listeners hear of it. */
    public void setLocalMaster(DeviceId device, boolean master) {
        if (master) {
            mastered.add(device);
        } else {
            mastered.remove(device);
        }
        MastershipEvent event = new MastershipEvent(MastershipEvent.Type.MASTER_CHANGED, device, new MastershipInfo());
        for (MastershipListener l : List.copyOf(listeners)) {
            if (l.isRelevant(event)) {
                l.event(event);
            }
        }
    }
}
