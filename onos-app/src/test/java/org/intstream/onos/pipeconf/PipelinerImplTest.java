package org.intstream.onos.pipeconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_DST_ADDR;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_ETH_TYPE;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_ACL_ACL;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_ACL_CLONE_TO_CPU_ACL;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_ACL_SEND_TO_CPU_ACL;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_L2_EXACT;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_L2_TERNARY;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_SET_EGRESS_PORT_L2_EXACT;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_SET_MULTICAST_GROUP;

import org.intstream.onos.AppConstants;
import org.intstream.onos.testing.ModelConformance;
import org.intstream.onos.testing.RecordingFlowRuleService;
import org.intstream.onos.testing.RecordingGroupService;
import org.intstream.onos.testing.RecordingObjectiveContext;
import org.intstream.onos.testing.SimpleFlowObjectiveStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.osgi.ServiceDirectory;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IpPrefix;
import org.onlab.packet.MacAddress;
import org.onosproject.TestApplicationId;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.behaviour.PipelinerContext;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.criteria.Criteria;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.PiCriterion;
import org.onosproject.net.flow.instructions.PiInstruction;
import org.onosproject.net.flowobjective.DefaultFilteringObjective;
import org.onosproject.net.flowobjective.DefaultForwardingObjective;
import org.onosproject.net.flowobjective.DefaultNextObjective;
import org.onosproject.net.flowobjective.FlowObjectiveStore;
import org.onosproject.net.flowobjective.ForwardingObjective;
import org.onosproject.net.flowobjective.NextObjective;
import org.onosproject.net.flowobjective.ObjectiveError;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.group.GroupService;
import org.onosproject.net.pi.model.PiMatchFieldId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiExactFieldMatch;
import org.onosproject.net.pi.runtime.PiTernaryFieldMatch;

class PipelinerImplTest {
    private static final DeviceId DEVICE = DeviceId.deviceId("device:s1");
    private static final ApplicationId FWD = new TestApplicationId("org.onosproject.fwd");
    private static final MacAddress H1 = MacAddress.valueOf("00:00:00:00:00:01");
    private static final MacAddress H2 = MacAddress.valueOf("00:00:00:00:00:02");

    private final RecordingFlowRuleService flowRules = new RecordingFlowRuleService();
    private final RecordingGroupService groups = new RecordingGroupService();
    private final SimpleFlowObjectiveStore store = new SimpleFlowObjectiveStore();
    private final RecordingObjectiveContext context = new RecordingObjectiveContext();
    private final PipelinerImpl pipeliner = new PipelinerImpl();

    @BeforeEach
    void init() {
        ServiceDirectory directory = new ServiceDirectory() {
            @Override
            public <T> T get(Class<T> serviceClass) {
                if (serviceClass == FlowRuleService.class) {
                    return serviceClass.cast(flowRules);
                }
                if (serviceClass == GroupService.class) {
                    return serviceClass.cast(groups);
                }
                throw new IllegalArgumentException("no " + serviceClass);
            }
        };
        pipeliner.init(DEVICE, new PipelinerContext() {
            @Override
            public ServiceDirectory directory() {
                return directory;
            }

            @Override
            public FlowObjectiveStore store() {
                return store;
            }
        });
    }

    private FlowRule onlyRule() {
        assertThat(context.error).as("objective error").isNull();
        assertThat(flowRules.applied).hasSize(1);
        FlowRule rule = flowRules.applied.get(0);
        ModelConformance.assertConforms(rule, PipeconfLoader.pipelineModel());
        return rule;
    }

    private static PiAction action(FlowRule rule) {
        return (PiAction) ((PiInstruction) rule.treatment().allInstructions().get(0)).action();
    }

    private static PiCriterion criterion(FlowRule rule) {
        return (PiCriterion) rule.selector().getCriterion(Criterion.Type.PROTOCOL_INDEPENDENT);
    }

    private static PiTernaryFieldMatch ternary(FlowRule rule, PiMatchFieldId field) {
        return (PiTernaryFieldMatch) criterion(rule).fieldMatch(field).orElseThrow();
    }

    private static ForwardingObjective.Builder forwarding(TrafficSelector selector) {
        return DefaultForwardingObjective.builder().fromApp(FWD).withPriority(40000).withSelector(selector)
                .makePermanent();
    }

    @Test
    void arpPuntOfThePacketServiceGoesToTheAcl() {
        // What ONOS's packet manager asks for when an app requests ARP packets.
        pipeliner.forward(forwarding(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_ARP).build())
                .withFlag(ForwardingObjective.Flag.VERSATILE)
                .withTreatment(DefaultTrafficTreatment.builder().punt().wipeDeferred().build())
                .add(context));
        FlowRule rule = onlyRule();
        assertThat(rule.table()).isEqualTo(INT_STREAM_INGRESS_ACL_ACL);
        assertThat(rule.priority()).isEqualTo(40000);
        assertThat(rule.isPermanent()).isTrue();
        assertThat(action(rule).id()).isEqualTo(INT_STREAM_INGRESS_ACL_SEND_TO_CPU_ACL);
        assertThat(ternary(rule, HDR_ETH_TYPE).value().asArray()).containsExactly(0x08, 0x06);
        assertThat(ternary(rule, HDR_ETH_TYPE).mask().asArray()).containsExactly(0xFF, 0xFF);
        assertThat(context.succeeded).isNotNull();
        assertThat(groups.added).isEmpty();
    }

    @Test
    void lldpCopyGoesToTheAclAndAddsTheCloneSessionOnce() {
        for (int i = 0; i < 2; i++) {
            pipeliner.forward(forwarding(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_LLDP).build())
                    .withFlag(ForwardingObjective.Flag.VERSATILE)
                    .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.CONTROLLER)
                            .setOutput(PortNumber.TABLE).build())
                    .add(context));
        }
        assertThat(action(flowRules.applied.get(0)).id()).isEqualTo(INT_STREAM_INGRESS_ACL_CLONE_TO_CPU_ACL);
        assertThat(groups.added).singleElement().satisfies(g -> {
            assertThat(g.type()).isEqualTo(GroupDescription.Type.CLONE);
            assertThat(g.givenGroupId()).isEqualTo(AppConstants.REPORT_CLONE_SESSION_ID);
            assertThat(g.buckets().buckets()).singleElement().satisfies(b ->
                    assertThat(b.treatment().allInstructions().toString()).contains("CONTROLLER"));
        });
    }

    /** The objective ONOS's fwd app installs for a flow from h1 on port 1 to h2 behind port 2. */
    private static ForwardingObjective.Builder fwdRule() {
        ForwardingObjective.Builder b = forwarding(DefaultTrafficSelector.builder()
                .matchInPort(PortNumber.portNumber(1)).matchEthSrc(H1).matchEthDst(H2).build())
                .withFlag(ForwardingObjective.Flag.SPECIFIC)
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build());
        b.makeTemporary(10);
        return b;
    }

    @Test
    void reactiveForwardingRuleBecomesADestinationEntry() {
        // fwd matches in-port, source and destination; intstream.p4 forwards by destination.
        pipeliner.forward(fwdRule().add(context));
        FlowRule rule = onlyRule();
        assertThat(rule.table()).isEqualTo(INT_STREAM_INGRESS_FORWARDING_L2_EXACT);
        assertThat(rule.timeout()).isEqualTo(10);
        assertThat(criterion(rule).fieldMatches()).hasSize(1);
        assertThat(((PiExactFieldMatch) criterion(rule).fieldMatch(HDR_DST_ADDR).orElseThrow()).value().asArray())
                .isEqualTo(H2.toBytes());
        assertThat(action(rule).id()).isEqualTo(INT_STREAM_INGRESS_FORWARDING_SET_EGRESS_PORT_L2_EXACT);
        assertThat(action(rule).parameters()).singleElement()
                .satisfies(p -> assertThat(p.value().asArray()).containsExactly(0, 2));

        // Removing the objective removes the same rule.
        pipeliner.forward(fwdRule().remove(context));
        assertThat(flowRules.removed).containsExactly(rule);
        assertThat(flowRules.removed.get(0).id()).isEqualTo(rule.id());
    }

    @Test
    void intentObjectivesThroughASimpleNextOutputToItsPort() {
        NextObjective next = DefaultNextObjective.builder().withId(7).withType(NextObjective.Type.SIMPLE)
                .fromApp(FWD).addTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(3))
                        .build()).add(context);
        pipeliner.next(next);
        assertThat(context.error).isNull();
        assertThat(pipeliner.getNextMappings(store.getNextGroup(7))).containsExactly("output 3");
        pipeliner.forward(forwarding(DefaultTrafficSelector.builder().matchInPort(PortNumber.portNumber(1))
                .matchEthSrc(H1).matchEthDst(H2).build())
                .withFlag(ForwardingObjective.Flag.SPECIFIC).nextStep(7).add(context));
        FlowRule rule = onlyRule();
        assertThat(rule.table()).isEqualTo(INT_STREAM_INGRESS_FORWARDING_L2_EXACT);
        assertThat(action(rule).parameters()).singleElement()
                .satisfies(p -> assertThat(p.value().asArray()).containsExactly(0, 3));
    }

    @Test
    void broadcastNextFloodsThroughAMulticastGroup() {
        pipeliner.next(DefaultNextObjective.builder().withId(5).withType(NextObjective.Type.BROADCAST).fromApp(FWD)
                .addTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .addTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build())
                .addTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(3)).build())
                .add(context));
        int gid = AppConstants.MULTICAST_GROUP_BASE + 5;
        assertThat(groups.added).singleElement().satisfies(g -> {
            assertThat(g.type()).isEqualTo(GroupDescription.Type.ALL);
            assertThat(g.givenGroupId()).isEqualTo(gid);
            assertThat(g.buckets().buckets()).hasSize(3);
        });
        pipeliner.forward(forwarding(DefaultTrafficSelector.builder().matchEthDst(MacAddress.BROADCAST).build())
                .withFlag(ForwardingObjective.Flag.SPECIFIC).nextStep(5).add(context));
        FlowRule rule = onlyRule();
        assertThat(rule.table()).isEqualTo(INT_STREAM_INGRESS_FORWARDING_L2_TERNARY);
        assertThat(ternary(rule, HDR_DST_ADDR).mask().asArray()).containsOnly(0xFF);
        assertThat(action(rule).id()).isEqualTo(INT_STREAM_INGRESS_FORWARDING_SET_MULTICAST_GROUP);
        assertThat(action(rule).parameters()).singleElement()
                .satisfies(p -> assertThat(p.value().asArray()).containsExactly(gid >> 8, gid & 0xFF));

        pipeliner.next(DefaultNextObjective.builder().withId(5).withType(NextObjective.Type.BROADCAST).fromApp(FWD)
                .addTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .remove(context));
        assertThat(groups.removed).containsExactly(PipelinerImpl.floodKey(gid));
        assertThat(store.getNextGroup(5)).isNull();
    }

    @Test
    void objectivesTheProgramCannotCarryAreRefusedWithTheirError() {
        pipeliner.filter(DefaultFilteringObjective.builder().fromApp(FWD).withPriority(1).permit()
                .withKey(Criteria.matchInPort(PortNumber.portNumber(1)))
                .addCondition(Criteria.matchEthDst(H2))
                .add(context));
        assertThat(context.error).isEqualTo(ObjectiveError.UNSUPPORTED);

        context.error = null;
        pipeliner.forward(forwarding(DefaultTrafficSelector.builder().matchEthDst(H2).build())
                .withFlag(ForwardingObjective.Flag.SPECIFIC).nextStep(99).add(context));
        assertThat(context.error).isEqualTo(ObjectiveError.GROUPMISSING);

        context.error = null;
        pipeliner.forward(forwarding(DefaultTrafficSelector.builder().matchIPDst(IpPrefix.valueOf("10.0.0.0/8")).build())
                .withFlag(ForwardingObjective.Flag.SPECIFIC)
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build())
                .add(context));
        assertThat(context.error).as("no destination MAC").isEqualTo(ObjectiveError.UNSUPPORTED);

        context.error = null;
        pipeliner.forward(forwarding(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV6)
                .matchIPv6Dst(IpPrefix.valueOf("2001::/64")).build())
                .withFlag(ForwardingObjective.Flag.VERSATILE)
                .withTreatment(DefaultTrafficTreatment.builder().punt().build()).add(context));
        assertThat(context.error).as("IPv6 is not matched by the ACL").isEqualTo(ObjectiveError.UNSUPPORTED);

        context.error = null;
        pipeliner.next(DefaultNextObjective.builder().withId(8).withType(NextObjective.Type.HASHED).fromApp(FWD)
                .addTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1)).build())
                .add(context));
        assertThat(context.error).isEqualTo(ObjectiveError.UNSUPPORTED);

        context.error = null;
        pipeliner.next(DefaultNextObjective.builder().withId(0xFFFF).withType(NextObjective.Type.BROADCAST)
                .fromApp(FWD).addTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(1))
                        .build()).add(context));
        assertThat(context.error).as("multicast group beyond 16 bits").isEqualTo(ObjectiveError.BADPARAMS);

        assertThat(flowRules.applied).isEmpty();
        assertThat(groups.added).isEmpty();
    }

    @Test
    void purgeAllRemovesTheApplicationsRulesAndGroups() {
        pipeliner.purgeAll(FWD);
        assertThat(flowRules.purged).containsExactly(DEVICE + " " + FWD.name());
        assertThat(groups.purged).containsExactly(DEVICE + " " + FWD.name());
    }
}
