package org.intstream.onos.slot;

import org.intstream.onos.SlotHitListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.intstream.onos.pipeconf.P4InfoConstants.DISTINCT;
import static org.intstream.onos.pipeconf.P4InfoConstants.DISTINCT_DPORT;
import static org.intstream.onos.pipeconf.P4InfoConstants.DISTINCT_SRC;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_IP_PROTO;
import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_TCP_FLAGS;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_SLOT0_CONFIGURE;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_SLOT0_FILTER;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_SLOT1_FILTER;
import static org.intstream.onos.pipeconf.P4InfoConstants.KEY_DST;
import static org.intstream.onos.pipeconf.P4InfoConstants.KEY_SRC;
import static org.intstream.onos.pipeconf.P4InfoConstants.RECIPROCAL;
import static org.intstream.onos.pipeconf.P4InfoConstants.REPORT_THRESHOLD;
import static org.intstream.onos.pipeconf.P4InfoConstants.ROW_WIDTH_MASK;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.onos.AppConstants;
import org.intstream.onos.pipeconf.InterpreterImpl;
import org.intstream.onos.pipeconf.P4InfoConstants;
import org.intstream.onos.pipeconf.PipeconfLoader;
import org.intstream.onos.testing.ModelConformance;
import org.intstream.onos.testing.RecordingFlowRuleService;
import org.intstream.onos.testing.RecordingGroupService;
import org.intstream.onos.testing.ReportFrames;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.switchgen.SwitchResourceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.TestApplicationId;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.criteria.PiCriterion;
import org.onosproject.net.flow.instructions.PiInstruction;
import org.onosproject.net.group.GroupDescription;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.packet.PacketContextAdapter;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketServiceAdapter;
import org.onosproject.net.pi.PiPipeconfServiceAdapter;
import org.onosproject.net.pi.model.PiActionParamId;
import org.onosproject.net.pi.model.PiPacketOperationType;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiPacketMetadata;
import org.onosproject.net.pi.runtime.PiPacketOperation;
import org.onosproject.net.pi.runtime.PiTernaryFieldMatch;

class SwitchSlotManagerTest {
    private static final DeviceId S1 = DeviceId.deviceId("device:s1");
    private static final DeviceId OTHER = DeviceId.deviceId("device:basic");
    private static final ApplicationId APP = new TestApplicationId(AppConstants.APP_NAME);
    private static final PiPipeconf PIPECONF = PipeconfLoader.buildPipeconf();
    private static final long TS = 1_700_000_012_345_678L;

    private final RecordingFlowRuleService flowRules = new RecordingFlowRuleService();
    private final RecordingGroupService groups = new RecordingGroupService();
    private final List<PacketProcessor> processors = new ArrayList<>();
    private final List<Integer> priorities = new ArrayList<>();
    private final List<String> hits = new ArrayList<>();
    private final SwitchSlotManager manager = new SwitchSlotManager();

    static SwitchStage stage(String query) throws IOException {
        String text = Files.readString(Path.of("..", "queries", query + ".isq"), StandardCharsets.UTF_8);
        return SwitchStageExtractor.extract(DslParser.parseQuery(text), Map.of());
    }

    @BeforeEach
    void activate() {
        manager.coreService = new CoreServiceAdapter() {
            @Override
            public ApplicationId registerApplication(String name) {
                return new TestApplicationId(name);
            }
        };
        manager.flowRuleService = flowRules;
        manager.groupService = groups;
        manager.packetService = new PacketServiceAdapter() {
            @Override
            public void addProcessor(PacketProcessor processor, int priority) {
                processors.add(processor);
                priorities.add(priority);
            }
        };
        manager.pipeconfService = new PiPipeconfServiceAdapter() {
            @Override
            public Optional<PiPipeconf> getPipeconf(DeviceId deviceId) {
                return deviceId.equals(S1) ? Optional.of(PIPECONF) : Optional.empty();
            }
        };
        manager.activate();
        manager.addListener((device, hit) -> hits.add(device + " " + hit.query() + " slot " + hit.slot() + " epoch "
                + hit.epoch() + " " + keyText(hit)));
    }

    private static String keyText(SlotHit hit) {
        StringBuilder b = new StringBuilder();
        for (int v : hit.key()) {
            b.append(b.length() == 0 ? "" : ",").append(Integer.toHexString(v));
        }
        return b.toString();
    }

    private static PiAction action(FlowRule rule) {
        return (PiAction) ((PiInstruction) rule.treatment().allInstructions().get(0)).action();
    }

    private static BigInteger param(PiAction a, PiActionParamId id) {
        return new BigInteger(1, a.parameters().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow()
                .value().asArray());
    }

    @Test
    void portScanBecomesFilterEntriesOfSlotZeroAndTheCloneSession() throws IOException {
        SwitchStage portScan = stage("port_scan");
        SlotProgram program = manager.install(S1, portScan);

        assertThat(program.slot()).isZero();
        assertThat(flowRules.applied).hasSize(program.entries().size()).hasSize(1);
        FlowRule rule = flowRules.applied.get(0);
        ModelConformance.assertConforms(rule, PIPECONF.pipelineModel());
        assertThat(rule.deviceId()).isEqualTo(S1);
        assertThat(rule.appId()).isEqualTo(APP.id());
        assertThat(rule.isPermanent()).isTrue();
        assertThat(rule.table()).isEqualTo(INT_STREAM_INGRESS_SLOT0_FILTER);
        assertThat(rule.priority()).isEqualTo(1);
        // The filter: TCP, SYN set and ACK clear.
        PiCriterion c = (PiCriterion) rule.selector().getCriterion(Criterion.Type.PROTOCOL_INDEPENDENT);
        assertThat(c.fieldMatches()).hasSize(2);
        PiTernaryFieldMatch proto = (PiTernaryFieldMatch) c.fieldMatch(HDR_IP_PROTO).orElseThrow();
        assertThat(proto.value().asArray()).containsExactly(6);
        assertThat(proto.mask().asArray()).containsExactly(0xFF);
        PiTernaryFieldMatch flags = (PiTernaryFieldMatch) c.fieldMatch(HDR_TCP_FLAGS).orElseThrow();
        assertThat(flags.value().asArray()).containsExactly(0x02);
        assertThat(flags.mask().asArray()).containsExactly(0x12);
        // The configuration: key ip.src, distinct (ip.src, l4.dport), threshold 100, 10 s epochs, 1024 cells.
        PiAction a = action(rule);
        assertThat(a.id()).isEqualTo(INT_STREAM_INGRESS_SLOT0_CONFIGURE);
        assertThat(a.parameters()).hasSize(15);
        assertThat(param(a, KEY_SRC)).isEqualTo(0xFFFFFFFFL);
        assertThat(param(a, KEY_DST)).isZero();
        assertThat(param(a, DISTINCT)).isOne();
        assertThat(param(a, DISTINCT_SRC)).isEqualTo(0xFFFFFFFFL);
        assertThat(param(a, DISTINCT_DPORT)).isEqualTo(0xFFFF);
        assertThat(param(a, REPORT_THRESHOLD)).isEqualTo(100);
        assertThat(param(a, RECIPROCAL)).isEqualTo(EpochClock.reciprocal(10_000_000));
        assertThat(param(a, ROW_WIDTH_MASK)).isEqualTo(1023);
        // The 128-bit reciprocal travels as 16 bytes.
        assertThat(a.parameters().stream().filter(p -> p.id().equals(RECIPROCAL)).findFirst().orElseThrow()
                .value().size()).isEqualTo(16);

        assertThat(groups.added).singleElement().satisfies(g -> {
            assertThat(g.type()).isEqualTo(GroupDescription.Type.CLONE);
            assertThat(g.givenGroupId()).isEqualTo(AppConstants.REPORT_CLONE_SESSION_ID);
            assertThat(g.deviceId()).isEqualTo(S1);
        });
        assertThat(manager.installed(S1)).containsExactly(program);
    }

    @Test
    void queriesTakeTheNextSlotsAndRemovalDeletesTheirRules() throws IOException {
        manager.install(S1, stage("port_scan"));
        SlotProgram second = manager.install(S1, stage("tcp_new_conn"));
        assertThat(second.slot()).isEqualTo(1);
        assertThat(flowRules.applied.get(1).table()).isEqualTo(INT_STREAM_INGRESS_SLOT1_FILTER);
        assertThat(action(flowRules.applied.get(1)).id()).isEqualTo(P4InfoConstants.INT_STREAM_INGRESS_SLOT1_CONFIGURE);
        assertThat(groups.added).as("one clone session per device").hasSize(1);

        manager.remove(S1, "port_scan");
        assertThat(flowRules.removed).containsExactly(flowRules.applied.get(0));
        assertThat(manager.installed(S1)).containsExactly(second);
        // The freed slot is reused.
        assertThat(manager.install(S1, stage("port_scan")).slot()).isZero();
    }

    @Test
    void installRefusesWhatTheDeviceCannotHold() throws IOException {
        assertThatThrownBy(() -> manager.install(OTHER, stage("port_scan")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device:basic runs no pipeconf, not org.intstream.pipeconf");
        manager.install(S1, stage("port_scan"));
        assertThatThrownBy(() -> manager.install(S1, stage("port_scan")))
                .hasMessageContaining("already installed");
        // heavy_hitter asks for wider rows than the switch has: refused before anything is written.
        assertThatThrownBy(() -> manager.install(S1, stage("heavy_hitter")))
                .isInstanceOf(SwitchResourceException.class).hasMessageContaining("rows of 4096 cells");
        for (String q : List.of("tcp_new_conn", "super_spreader", "ddos")) {
            manager.install(S1, stage(q));
        }
        assertThatThrownBy(() -> manager.install(S1, stage("heavy_hitter").withWidth(1024)))
                .isInstanceOf(SwitchResourceException.class).hasMessageContaining("no free query slot");
        assertThatThrownBy(() -> manager.remove(S1, "heavy_hitter")).hasMessageContaining("not installed");
        assertThatThrownBy(() -> manager.remove(OTHER, "port_scan")).hasMessageContaining("not installed");
        assertThat(flowRules.applied).hasSize(4);
    }

    /** A report as ONOS's P4Runtime stack hands it over: packet-in through the interpreter, then processors. */
    private PacketContextAdapter packetIn(DeviceId device, byte[] payload, int port) throws Exception {
        PiPacketOperation op = PiPacketOperation.builder()
                .withType(PiPacketOperationType.PACKET_IN)
                .withData(ImmutableByteSequence.copyFrom(payload))
                .withMetadata(PiPacketMetadata.builder().withId(P4InfoConstants.INGRESS_PORT)
                        .withValue(ImmutableByteSequence.copyFrom((short) port)).build())
                .build();
        InboundPacket in = new InterpreterImpl().mapInboundPacket(op, device);
        PacketContextAdapter context = new PacketContextAdapter(0, in, null, false);
        for (PacketProcessor p : processors) {
            p.process(context);
        }
        return context;
    }

    @Test
    void reportPacketInsBecomeSlotHitsOncePerKeyAndWindow() throws Exception {
        manager.install(S1, stage("port_scan"));
        manager.install(S1, stage("tcp_new_conn"));
        byte[] syn = ReportFrames.tcpFrame(0x0A000009, 0x0A000002, 40000, 22, 0x02);

        PacketContextAdapter ctx = packetIn(S1, ReportFrames.report(0b11, 3, TS, syn), 3);
        assertThat(ctx.isHandled()).as("reports are consumed").isTrue();
        assertThat(hits).containsExactly(
                "device:s1 port_scan slot 0 epoch " + TS / 10_000_000 + " a000009,0,0,0,0",
                "device:s1 tcp_new_conn slot 1 epoch " + TS / 5_000_000 + " 0,a000002,0,0,0");

        // The switch's cache fails open: the same keys again in the same windows are dropped.
        packetIn(S1, ReportFrames.report(0b11, 3, TS + 1, syn), 3);
        assertThat(hits).hasSize(2);
        // The next window reports them anew.
        packetIn(S1, ReportFrames.report(0b01, 3, TS + 10_000_000, syn), 3);
        assertThat(hits).hasSize(3).last().asString().contains("epoch " + (TS / 10_000_000 + 1));
    }

    @Test
    void reportPayloadsReachListenersAsTheSwitchSentThem() throws Exception {
        List<String> reports = new ArrayList<>();
        manager.addListener(new SlotHitListener() {
            @Override
            public void hit(DeviceId device, SlotHit hit) {
            }

            @Override
            public void report(DeviceId device, byte[] payload) {
                reports.add(device + " " + java.util.HexFormat.of().formatHex(payload));
            }
        });
        manager.install(S1, stage("port_scan"));
        byte[] report = ReportFrames.report(0b01, 3, TS, ReportFrames.tcpFrame(0x0A000009, 0x0A000002, 40000, 22, 0x02));
        packetIn(S1, report, 3);
        packetIn(S1, ReportFrames.tcpFrame(0x0A000009, 0x0A000002, 40000, 22, 0x02), 1);
        assertThat(reports).containsExactly("device:s1 " + java.util.HexFormat.of().formatHex(report));
    }

    @Test
    void forgetLeavesTheDeviceToItsNewMaster() throws Exception {
        manager.install(S1, stage("port_scan"));
        manager.forget(S1);
        assertThat(manager.installed(S1)).isEmpty();
        assertThat(flowRules.removed).isEmpty();
        assertThat(manager.install(S1, stage("port_scan")).slot()).isZero();
    }

    @Test
    void otherPacketsPassAndBadReportsAreDroppedQuietly() throws Exception {
        manager.install(S1, stage("port_scan"));
        byte[] syn = ReportFrames.tcpFrame(0x0A000009, 0x0A000002, 40000, 22, 0x02);
        assertThat(packetIn(S1, syn, 1).isHandled()).as("a punted packet goes on to ONOS").isFalse();
        byte[] noSlot = ReportFrames.report(0b01, 3, TS, syn);
        noSlot[15] = 0;
        assertThat(packetIn(S1, noSlot, 3).isHandled()).isTrue();
        assertThat(packetIn(OTHER, ReportFrames.report(0b01, 3, TS, syn), 3).isHandled()).isTrue();
        assertThat(hits).isEmpty();
    }

    @Test
    void deactivateRemovesEveryInstalledRule() throws IOException {
        manager.install(S1, stage("port_scan"));
        manager.install(S1, stage("tcp_new_conn"));
        manager.deactivate();
        assertThat(flowRules.removed).containsExactlyInAnyOrderElementsOf(flowRules.applied);
        assertThat(manager.installed(S1)).isEmpty();
    }

    @Test
    void reportProcessorRunsAheadOfTheHostProvider() {
        // ONOS's host location provider watches packets as advisor(1); reports must not reach it.
        assertThat(priorities).singleElement().satisfies(p -> assertThat(p).isLessThan(PacketProcessor.advisor(1)));
    }
}
