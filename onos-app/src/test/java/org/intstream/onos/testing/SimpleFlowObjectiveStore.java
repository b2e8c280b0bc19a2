package org.intstream.onos.testing;

import java.util.HashMap;
import java.util.Map;
import org.onosproject.net.behaviour.NextGroup;
import org.onosproject.net.flowobjective.FlowObjectiveStore;
import org.onosproject.net.flowobjective.FlowObjectiveStoreDelegate;
import org.onosproject.net.flowobjective.ObjectiveEvent;
import org.onosproject.store.AbstractStore;

/** Next groups in a map, next ids from a counter. */
public class SimpleFlowObjectiveStore extends AbstractStore<ObjectiveEvent, FlowObjectiveStoreDelegate>
        implements FlowObjectiveStore {
    private final Map<Integer, NextGroup> groups = new HashMap<>();
    private int nextId;

    @Override
    public void putNextGroup(Integer id, NextGroup group) {
        groups.put(id, group);
    }

    @Override
    public NextGroup getNextGroup(Integer id) {
        return groups.get(id);
    }

    @Override
    public NextGroup removeNextGroup(Integer id) {
        return groups.remove(id);
    }

    @Override
    public Map<Integer, NextGroup> getAllGroups() {
        return Map.copyOf(groups);
    }

    @Override
    public int allocateNextId() {
        return nextId++;
    }
}
