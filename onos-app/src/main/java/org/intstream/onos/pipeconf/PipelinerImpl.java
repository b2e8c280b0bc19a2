package org.intstream.onos.pipeconf;

import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_DST_ADDR;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_ACL_ACL;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_ACL_CLONE_TO_CPU_ACL;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_L2_EXACT;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_L2_TERNARY;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.intstream.onos.AppConstants;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.GroupId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.behaviour.NextGroup;
import org.onosproject.net.behaviour.Pipeliner;
import org.onosproject.net.behaviour.PipelinerContext;
import org.onosproject.net.driver.AbstractHandlerBehaviour;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.EthCriterion;
import org.onosproject.net.flow.criteria.PiCriterion;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.flow.instructions.PiInstruction;
import org.onosproject.net.flowobjective.DefaultNextTreatment;
import org.onosproject.net.flowobjective.FilteringObjective;
import org.onosproject.net.flowobjective.FlowObjectiveStore;
import org.onosproject.net.flowobjective.ForwardingObjective;
import org.onosproject.net.flowobjective.NextObjective;
import org.onosproject.net.flowobjective.NextTreatment;
import org.onosproject.net.flowobjective.Objective;
import org.onosproject.net.flowobjective.ObjectiveError;
import org.onosproject.net.group.DefaultGroupBucket;
import org.onosproject.net.group.DefaultGroupDescription;
import org.onosproject.net.group.DefaultGroupKey;
import org.onosproject.net.group.GroupBucket;
import org.onosproject.net.group.GroupBuckets;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupKey;
import org.onosproject.net.group.GroupService;
import org.onosproject.net.pi.model.PiPipelineInterpreter.PiInterpreterException;
import org.onosproject.net.pi.model.PiPipelineModel;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.model.PiTableModel;
import org.onosproject.net.pi.runtime.PiAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps ONOS's flow objectives onto intstream.p4's tables, so fwd, host-to-host intents (compiled to
 * objectives) and the packet services work on IntStream's switches:
 * <ul>
 *   <li>a forwarding objective that outputs to the controller, drops, or does nothing goes to the ACL
 *       ({@code acl}), its criteria matched ternary (ARP, LLDP and IPv4 punts of the packet services);</li>
 *   <li>one that outputs to a port, directly or through a SIMPLE next, goes to {@code l2_exact} keyed by its
 *       destination MAC;</li>
 *   <li>one whose next is a BROADCAST group goes to {@code l2_ternary} (destination MAC and mask), which
 *       floods through the multicast group the next objective created as an ALL group.</li>
 * </ul>
 * The L2 tables key the destination MAC only: an objective that also matches, say, the in-port and the
 * source is widened to its destination, so two objectives for one destination on one switch share an entry
 * (the later one's port wins). v1model multicasts a frame whose multicast group is set even when the ACL
 * sends it to the CPU port, so frames that hit a flooding entry are flooded rather than punted; copies
 * (OUTPUT:CONTROLLER with OUTPUT:TABLE) reach the controller either way.
 */
public class PipelinerImpl extends AbstractHandlerBehaviour implements Pipeliner {
    private final Logger log = LoggerFactory.getLogger(getClass());

    private DeviceId deviceId;
    private FlowRuleService flowRuleService;
    private GroupService groupService;
    private FlowObjectiveStore store;
    private PiPipelineModel model;

    /** An objective this pipeline cannot carry out, with the error ONOS reports and why. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final ObjectiveError error;

        Refusal(ObjectiveError error, String message) {
            super(message);
            this.error = error;
        }
    }

    @Override
    public void init(DeviceId deviceId, PipelinerContext context) {
        this.deviceId = deviceId;
        this.flowRuleService = context.directory().get(FlowRuleService.class);
        this.groupService = context.directory().get(GroupService.class);
        this.store = context.store();
        this.model = PipeconfLoader.pipelineModel();
    }

    @Override
    public void filter(FilteringObjective obj) {
        fail(obj, new Refusal(ObjectiveError.UNSUPPORTED,
                "intstream.p4 has no filtering stage; filtering objectives are not supported"));
    }

    @Override
    public void forward(ForwardingObjective obj) {
        try {
            FlowRule rule = flowRule(obj);
            if (rule.table().equals(INT_STREAM_INGRESS_ACL_ACL) && isClone(rule)) {
                ReportCloneSession.ensure(groupService, deviceId, obj.appId());
            }
            switch (obj.op()) {
                case ADD:
                    flowRuleService.applyFlowRules(rule);
                    break;
                case REMOVE:
                    flowRuleService.removeFlowRules(rule);
                    break;
                default:
                    throw new Refusal(ObjectiveError.UNSUPPORTED, "forwarding operation " + obj.op()
                            + " is not supported");
            }
            succeed(obj);
        } catch (Refusal r) {
            fail(obj, r);
        }
    }

    @Override
    public void next(NextObjective obj) {
        try {
            switch (obj.op()) {
                case ADD:
                    addNext(obj);
                    break;
                case REMOVE:
                    removeNext(obj);
                    break;
                default:
                    throw new Refusal(ObjectiveError.UNSUPPORTED, "next operation " + obj.op()
                            + " is not supported; remove and add the next objective instead");
            }
            succeed(obj);
        } catch (Refusal r) {
            fail(obj, r);
        }
    }

    @Override
    public void purgeAll(ApplicationId appId) {
        flowRuleService.purgeFlowRules(deviceId, appId);
        groupService.purgeGroupEntries(deviceId, appId);
    }

    @Override
    public List<String> getNextMappings(NextGroup nextGroup) {
        return List.of(NextGroupData.of(nextGroup).toString());
    }

    /** The flow rule a forwarding objective becomes. */
    FlowRule flowRule(ForwardingObjective obj) throws Refusal {
        TrafficTreatment treatment = treatment(obj);
        PiTableId table = tableFor(treatment);
        PiAction action;
        try {
            action = TreatmentTranslator.toAction(treatment, table);
        } catch (PiInterpreterException e) {
            throw new Refusal(ObjectiveError.UNSUPPORTED, e.getMessage());
        }
        TrafficSelector selector = table.equals(INT_STREAM_INGRESS_ACL_ACL) ? aclSelector(obj.selector())
                : l2Selector(obj.selector(), table);
        FlowRule.Builder b = DefaultFlowRule.builder()
                .forDevice(deviceId)
                .forTable(table)
                .withSelector(selector)
                .withTreatment(DefaultTrafficTreatment.builder().piTableAction(action).build())
                .withPriority(obj.priority())
                .fromApp(obj.appId());
        if (obj.permanent()) {
            b.makePermanent();
        } else {
            b.makeTemporary(obj.timeout());
        }
        return b.build();
    }

    private TrafficTreatment treatment(ForwardingObjective obj) throws Refusal {
        if (obj.nextId() == null) {
            if (obj.treatment() == null) {
                throw new Refusal(ObjectiveError.BADPARAMS, "forwarding objective " + obj.id()
                        + " has neither a treatment nor a next id");
            }
            return obj.treatment();
        }
        NextGroup group = store.getNextGroup(obj.nextId());
        if (group == null) {
            throw new Refusal(ObjectiveError.GROUPMISSING, "next objective " + obj.nextId() + " is not on "
                    + deviceId);
        }
        NextGroupData next = NextGroupData.of(group);
        if (next.kind() == NextGroupData.Kind.SIMPLE) {
            return DefaultTrafficTreatment.builder().setOutput(next.ports().get(0)).build();
        }
        return DefaultTrafficTreatment.builder().group(new GroupId(next.multicastGroup())).build();
    }

    private static PiTableId tableFor(TrafficTreatment treatment) {
        List<Instruction> all = treatment.allInstructions();
        if (all.size() == 1 && all.get(0).type() == Instruction.Type.GROUP) {
            return INT_STREAM_INGRESS_FORWARDING_L2_TERNARY;
        }
        if (all.size() == 1 && all.get(0).type() == Instruction.Type.OUTPUT
                && !((Instructions.OutputInstruction) all.get(0)).port().isLogical()) {
            return INT_STREAM_INGRESS_FORWARDING_L2_EXACT;
        }
        // To the controller, drop, nothing: what the ACL does (anything else it refuses by name).
        return INT_STREAM_INGRESS_ACL_ACL;
    }

    private TrafficSelector aclSelector(TrafficSelector selector) throws Refusal {
        try {
            Optional<PiCriterion> pi = CriterionTranslator.toTernary(selector, table(INT_STREAM_INGRESS_ACL_ACL));
            return pi.isPresent() ? DefaultTrafficSelector.builder().matchPi(pi.get()).build()
                    : DefaultTrafficSelector.emptySelector();
        } catch (PiInterpreterException e) {
            throw new Refusal(ObjectiveError.UNSUPPORTED, e.getMessage());
        }
    }

    private TrafficSelector l2Selector(TrafficSelector selector, PiTableId table) throws Refusal {
        Criterion c = selector.getCriterion(Criterion.Type.ETH_DST);
        if (c == null) {
            c = selector.getCriterion(Criterion.Type.ETH_DST_MASKED);
        }
        if (c == null) {
            throw new Refusal(ObjectiveError.UNSUPPORTED, "intstream.p4 forwards by destination MAC; "
                    + selector + " has none");
        }
        EthCriterion dst = (EthCriterion) c;
        byte[] mac = dst.mac().toBytes();
        PiCriterion.Builder pi = PiCriterion.builder();
        if (table.equals(INT_STREAM_INGRESS_FORWARDING_L2_EXACT)) {
            if (dst.mask() != null) {
                throw new Refusal(ObjectiveError.UNSUPPORTED, "l2_exact matches whole MAC addresses; "
                        + "a masked destination needs a flooding (BROADCAST) next: " + dst);
            }
            pi.matchExact(HDR_DST_ADDR, mac);
        } else {
            byte[] mask = dst.mask() == null ? new byte[] {-1, -1, -1, -1, -1, -1} : dst.mask().toBytes();
            for (int i = 0; i < mac.length; i++) {
                mac[i] &= mask[i];
            }
            pi.matchTernary(HDR_DST_ADDR, mac, mask);
        }
        for (Criterion other : selector.criteria()) {
            if (other != c) {
                log.debug("{}: {} widened to its destination MAC; {} is not matched", deviceId, selector, other);
            }
        }
        return DefaultTrafficSelector.builder().matchPi(pi.build()).build();
    }

    private void addNext(NextObjective obj) throws Refusal {
        List<PortNumber> ports = new ArrayList<>();
        for (NextTreatment nt : obj.nextTreatments()) {
            if (nt.type() != NextTreatment.Type.TREATMENT) {
                throw new Refusal(ObjectiveError.UNSUPPORTED, "next objective " + obj.id()
                        + ": chained next ids are not supported; give treatments");
            }
            TrafficTreatment t = ((DefaultNextTreatment) nt).treatment();
            List<Instruction> all = t.allInstructions();
            if (all.size() != 1 || all.get(0).type() != Instruction.Type.OUTPUT
                    || ((Instructions.OutputInstruction) all.get(0)).port().isLogical()) {
                throw new Refusal(ObjectiveError.UNSUPPORTED, "next objective " + obj.id()
                        + ": each treatment must output to one data port; not " + t);
            }
            ports.add(((Instructions.OutputInstruction) all.get(0)).port());
        }
        switch (obj.type()) {
            case SIMPLE:
                if (ports.size() != 1) {
                    throw new Refusal(ObjectiveError.BADPARAMS, "SIMPLE next objective " + obj.id() + " has "
                            + ports.size() + " treatments; it takes one");
                }
                store.putNextGroup(obj.id(), NextGroupData.simple(ports.get(0)).toNextGroup());
                break;
            case BROADCAST: {
                int gid = multicastGroupOf(obj.id());
                List<GroupBucket> buckets = new ArrayList<>();
                for (PortNumber p : ports) {
                    buckets.add(DefaultGroupBucket.createAllGroupBucket(
                            DefaultTrafficTreatment.builder().setOutput(p).build()));
                }
                groupService.addGroup(new DefaultGroupDescription(deviceId, GroupDescription.Type.ALL,
                        new GroupBuckets(buckets), floodKey(gid), gid, obj.appId()));
                store.putNextGroup(obj.id(), NextGroupData.broadcast(gid, ports).toNextGroup());
                break;
            }
            default:
                throw new Refusal(ObjectiveError.UNSUPPORTED, obj.type() + " next objectives are not supported "
                        + "by intstream.p4 (SIMPLE and BROADCAST are)");
        }
    }

    private void removeNext(NextObjective obj) throws Refusal {
        NextGroup group = store.removeNextGroup(obj.id());
        if (group == null) {
            throw new Refusal(ObjectiveError.GROUPMISSING, "next objective " + obj.id() + " is not on " + deviceId);
        }
        NextGroupData next = NextGroupData.of(group);
        if (next.kind() == NextGroupData.Kind.BROADCAST) {
            groupService.removeGroup(deviceId, floodKey(next.multicastGroup()), obj.appId());
        }
    }

    /** The multicast group of a BROADCAST next: offset so it never meets the clone session's group id. */
    static int multicastGroupOf(int nextId) throws Refusal {
        long gid = (long) AppConstants.MULTICAST_GROUP_BASE + nextId;
        if (nextId < 0 || gid > AppConstants.MAX_MULTICAST_GROUP_ID) {
            throw new Refusal(ObjectiveError.BADPARAMS, "next id " + nextId + " gives multicast group " + gid
                    + ", beyond the switch's " + AppConstants.MAX_MULTICAST_GROUP_ID);
        }
        return (int) gid;
    }

    static GroupKey floodKey(int multicastGroup) {
        return new DefaultGroupKey(("intstream-flood-" + multicastGroup).getBytes(StandardCharsets.US_ASCII));
    }

    private PiTableModel table(PiTableId id) {
        return model.table(id).orElseThrow(() -> new IllegalStateException("the P4Info has no table " + id));
    }

    /** Whether an ACL rule copies to the controller, which needs the clone session. */
    private static boolean isClone(FlowRule rule) {
        for (Instruction i : rule.treatment().allInstructions()) {
            if (i instanceof PiInstruction && ((PiInstruction) i).action() instanceof PiAction
                    && ((PiAction) ((PiInstruction) i).action()).id().equals(INT_STREAM_INGRESS_ACL_CLONE_TO_CPU_ACL)) {
                return true;
            }
        }
        return false;
    }

    private void succeed(Objective obj) {
        obj.context().ifPresent(c -> c.onSuccess(obj));
    }

    private void fail(Objective obj, Refusal r) {
        log.warn("{}: objective {} from {} refused ({}): {}", deviceId, obj.id(), obj.appId(), r.error,
                r.getMessage());
        obj.context().ifPresent(c -> c.onError(obj, r.error));
    }
}
