package org.intstream.onos.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleOperation;
import org.onosproject.net.flow.FlowRuleOperations;
import org.onosproject.net.flow.FlowRuleServiceAdapter;

/**
 * Keeps the rules applied and removed, in order; batches of operations are taken the same way and confirmed to
 * their context, as a device that took them.
 */
public class RecordingFlowRuleService extends FlowRuleServiceAdapter {
    public final List<FlowRule> applied = new ArrayList<>();
    public final List<FlowRule> removed = new ArrayList<>();
    public final List<String> purged = new ArrayList<>();

    @Override
    public void applyFlowRules(FlowRule... rules) {
        applied.addAll(Arrays.asList(rules));
    }

    @Override
    public void apply(FlowRuleOperations ops) {
        for (java.util.Set<FlowRuleOperation> stage : ops.stages()) {
            for (FlowRuleOperation op : stage) {
                if (op.type() == FlowRuleOperation.Type.REMOVE) {
                    removed.add(op.rule());
                } else {
                    applied.add(op.rule());
                }
            }
        }
        ops.callback().onSuccess(ops);
    }

    @Override
    public void removeFlowRules(FlowRule... rules) {
        removed.addAll(Arrays.asList(rules));
    }

    @Override
    public void purgeFlowRules(DeviceId deviceId, ApplicationId appId) {
        purged.add(deviceId + " " + appId.name());
    }
}
