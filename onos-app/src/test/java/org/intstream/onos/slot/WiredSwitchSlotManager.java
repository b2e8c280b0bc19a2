package org.intstream.onos.slot;

import java.util.ArrayList;
import java.util.List;
import org.intstream.onos.SlotHitListener;
import org.onosproject.TestApplicationId;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.group.GroupService;
import org.onosproject.net.packet.PacketServiceAdapter;
import org.onosproject.net.pi.service.PiPipeconfService;

/**
 * A real {@link SwitchSlotManager}, activated over the given services, for tests of the components that use it;
 * it also hands out the listeners it was given, so a test can report keys without building packet-ins.
 */
public final class WiredSwitchSlotManager extends SwitchSlotManager {
    public final List<SlotHitListener> listeners = new ArrayList<>();

    public WiredSwitchSlotManager(FlowRuleService flowRules, GroupService groups, PiPipeconfService pipeconfs) {
        coreService = new CoreServiceAdapter() {
            @Override
            public ApplicationId registerApplication(String name) {
                return new TestApplicationId(name);
            }
        };
        flowRuleService = flowRules;
        groupService = groups;
        packetService = new PacketServiceAdapter();
        pipeconfService = pipeconfs;
        activate();
    }

    @Override
    public void addListener(SlotHitListener listener) {
        super.addListener(listener);
        listeners.add(listener);
    }

    @Override
    public void removeListener(SlotHitListener listener) {
        super.removeListener(listener);
        listeners.remove(listener);
    }
}
