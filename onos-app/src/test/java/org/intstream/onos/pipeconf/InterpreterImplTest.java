package org.intstream.onos.pipeconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.intstream.onos.pipeconf.P4InfoConstants.EGRESS_PORT;
import static org.intstream.onos.pipeconf.P4InfoConstants.INGRESS_PORT;
import static org.intstream.onos.pipeconf.P4InfoConstants.PAD;
import static org.intstream.onos.pipeconf.P4InfoConstants.THROUGH_TABLES;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.intstream.onos.testing.ReportFrames;
import org.intstream.onos.testing.ServiceDriverHandler;
import org.junit.jupiter.api.Test;
import org.onlab.packet.VlanId;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.DefaultPort;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.device.DeviceServiceAdapter;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.pi.model.PiPacketMetadataModel;
import org.onosproject.net.pi.model.PiPacketOperationModel;
import org.onosproject.net.pi.model.PiPacketOperationType;
import org.onosproject.net.pi.model.PiPipelineInterpreter.PiInterpreterException;
import org.onosproject.net.pi.runtime.PiPacketMetadata;
import org.onosproject.net.pi.runtime.PiPacketOperation;
import org.onosproject.net.provider.ProviderId;

class InterpreterImplTest {
    private static final DeviceId DEVICE = DeviceId.deviceId("device:s1");
    private static final byte[] FRAME = ReportFrames.tcpFrame(0x0A000001, 0x0A000002, 40000, 22, 0x02);

    private final InterpreterImpl interpreter = new InterpreterImpl();

    private static long value(PiPacketOperation op, org.onosproject.net.pi.model.PiPacketMetadataId id) {
        PiPacketMetadata m = op.metadatas().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        long v = 0;
        for (byte b : m.value().asArray()) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    private static Collection<PiPacketOperation> out(InterpreterImpl i, TrafficTreatment t, PortNumber inPort)
            throws PiInterpreterException {
        return i.mapOutboundPacket(new DefaultOutboundPacket(DEVICE, t, ByteBuffer.wrap(FRAME), inPort));
    }

    /** Every field of the program's packet_out header, each at its width. */
    private static void assertWholeHeader(PiPacketOperation op) throws Exception {
        PiPacketOperationModel model = PipeconfLoader.pipelineModel()
                .packetOperationModel(PiPacketOperationType.PACKET_OUT).orElseThrow();
        assertThat(op.metadatas()).hasSize(model.metadatas().size());
        for (PiPacketMetadataModel m : model.metadatas()) {
            PiPacketMetadata given = op.metadatas().stream().filter(x -> x.id().equals(m.id())).findFirst()
                    .orElseThrow(() -> new AssertionError("packet-out lacks " + m.id()));
            assertThat(given.value().size()).as(m.id().id()).isEqualTo((m.bitWidth() + 7) / 8);
            assertThat(given.value().fit(m.bitWidth())).as(m.id().id()).isNotNull();
        }
    }

    @Test
    void packetOutToAPortSkipsTheTables() throws Exception {
        Collection<PiPacketOperation> ops = out(interpreter,
                DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(4)).build(), null);
        assertThat(ops).hasSize(1);
        PiPacketOperation op = ops.iterator().next();
        assertWholeHeader(op);
        assertThat(value(op, EGRESS_PORT)).isEqualTo(4);
        assertThat(value(op, THROUGH_TABLES)).isZero();
        assertThat(value(op, PAD)).isZero();
        assertThat(op.data().asArray()).isEqualTo(FRAME);
    }

    @Test
    void packetOutToTableGoesThroughThePipelineFromItsInPort() throws Exception {
        PiPacketOperation op = out(interpreter,
                DefaultTrafficTreatment.builder().setOutput(PortNumber.TABLE).build(), PortNumber.portNumber(2))
                .iterator().next();
        assertWholeHeader(op);
        assertThat(value(op, THROUGH_TABLES)).isEqualTo(1);
        assertThat(value(op, INGRESS_PORT)).isEqualTo(2);
        assertThat(value(op, EGRESS_PORT)).isZero();
    }

    @Test
    void floodIsOnePacketOutPerEnabledPortButTheInPort() throws Exception {
        Device d = new DefaultDevice(ProviderId.NONE, DEVICE, Device.Type.SWITCH, "bmv2", "1", "1", "1", null);
        List<Port> ports = List.of(new DefaultPort(d, PortNumber.portNumber(1), true),
                new DefaultPort(d, PortNumber.portNumber(2), true),
                new DefaultPort(d, PortNumber.portNumber(3), false),
                new DefaultPort(d, PortNumber.portNumber(4), true));
        interpreter.setHandler(new ServiceDriverHandler(Map.of(DeviceService.class, new DeviceServiceAdapter(ports))));
        Collection<PiPacketOperation> ops = out(interpreter,
                DefaultTrafficTreatment.builder().setOutput(PortNumber.FLOOD).build(), PortNumber.portNumber(1));
        List<Long> egress = new ArrayList<>();
        for (PiPacketOperation op : ops) {
            egress.add(value(op, EGRESS_PORT));
        }
        assertThat(egress).containsExactly(2L, 4L);
    }

    @Test
    void packetOutsTheProgramCannotExpressAreRefused() {
        assertThatThrownBy(() -> out(interpreter,
                DefaultTrafficTreatment.builder().setOutput(PortNumber.CONTROLLER).build(), null))
                .isInstanceOf(PiInterpreterException.class).hasMessageContaining("logical port CONTROLLER");
        assertThatThrownBy(() -> out(interpreter, DefaultTrafficTreatment.builder()
                .setVlanId(VlanId.vlanId((short) 5)).setOutput(PortNumber.portNumber(1)).build(), null))
                .isInstanceOf(PiInterpreterException.class).hasMessageContaining("only outputs");
        assertThatThrownBy(() -> out(interpreter,
                DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(600)).build(), null))
                .isInstanceOf(PiInterpreterException.class).hasMessageContaining("9-bit");
    }

    @Test
    void packetInsArriveOnTheirIngressPortWithTheirFrame() throws Exception {
        byte[] report = ReportFrames.report(1, 7, 123_456_789L, FRAME);
        PiPacketOperation in = PiPacketOperation.builder()
                .withType(PiPacketOperationType.PACKET_IN)
                .withData(ImmutableByteSequence.copyFrom(report))
                // Values come back in canonical (shortest) form from the switch.
                .withMetadata(PiPacketMetadata.builder().withId(INGRESS_PORT)
                        .withValue(ImmutableByteSequence.copyFrom((byte) 7)).build())
                .build();
        InboundPacket p = interpreter.mapInboundPacket(in, DEVICE);
        assertThat(p.receivedFrom().deviceId()).isEqualTo(DEVICE);
        assertThat(p.receivedFrom().port()).isEqualTo(PortNumber.portNumber(7));
        assertThat(p.parsed().getEtherType()).isEqualTo((short) 0x88B5);
        assertThat(p.unparsed().array()).isEqualTo(report);

        PiPacketOperation noPort = PiPacketOperation.builder().withType(PiPacketOperationType.PACKET_IN)
                .withData(ImmutableByteSequence.copyFrom(FRAME)).build();
        assertThatThrownBy(() -> interpreter.mapInboundPacket(noPort, DEVICE))
                .isInstanceOf(PiInterpreterException.class).hasMessageContaining("no ingress_port metadata");
    }

    @Test
    void criteriaMapToTheProgramsFieldsAndTheControllerToItsCpuPort() {
        assertThat(interpreter.mapCriterionType(Criterion.Type.ETH_TYPE)).contains(P4InfoConstants.HDR_ETH_TYPE);
        assertThat(interpreter.mapCriterionType(Criterion.Type.IN_PORT)).contains(P4InfoConstants.HDR_INGRESS_PORT);
        assertThat(interpreter.mapCriterionType(Criterion.Type.UDP_DST)).contains(P4InfoConstants.HDR_L4_DPORT);
        assertThat(interpreter.mapCriterionType(Criterion.Type.IPV6_DST)).isEmpty();
        assertThat(interpreter.mapFlowRuleTableId(0)).isEmpty();
        assertThat(interpreter.mapLogicalPortNumber(PortNumber.CONTROLLER)).contains(255);
        assertThat(interpreter.mapLogicalPortNumber(PortNumber.FLOOD)).isEmpty();
        // Every field the interpreter names is a field of some table.
        for (Criterion.Type t : Criterion.Type.values()) {
            interpreter.mapCriterionType(t).ifPresent(f -> assertThat(PipeconfLoader.pipelineModel().tables())
                    .as("%s -> %s", t, f).anyMatch(tm -> tm.matchField(f).isPresent()));
        }
    }

    @Test
    void treatmentsMapToEachTablesActions() throws Exception {
        assertThat(interpreter.mapTreatment(DefaultTrafficTreatment.builder().punt().build(),
                P4InfoConstants.INT_STREAM_INGRESS_ACL_ACL).id())
                .isEqualTo(P4InfoConstants.INT_STREAM_INGRESS_ACL_SEND_TO_CPU_ACL);
        assertThat(interpreter.mapTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.CONTROLLER)
                .setOutput(PortNumber.TABLE).build(), P4InfoConstants.INT_STREAM_INGRESS_ACL_ACL).id())
                .isEqualTo(P4InfoConstants.INT_STREAM_INGRESS_ACL_CLONE_TO_CPU_ACL);
        assertThat(interpreter.mapTreatment(DefaultTrafficTreatment.builder().drop().build(),
                P4InfoConstants.INT_STREAM_INGRESS_ACL_ACL).id())
                .isEqualTo(P4InfoConstants.INT_STREAM_INGRESS_ACL_DROP_ACL);
        // ONOS turns an empty treatment into a drop; one without instructions is a no-op.
        assertThat(interpreter.mapTreatment(DefaultTrafficTreatment.emptyTreatment(),
                P4InfoConstants.INT_STREAM_INGRESS_ACL_ACL).id())
                .isEqualTo(P4InfoConstants.INT_STREAM_INGRESS_ACL_DROP_ACL);
        assertThat(interpreter.mapTreatment(DefaultTrafficTreatment.builder().wipeDeferred().build(),
                P4InfoConstants.INT_STREAM_INGRESS_ACL_ACL).id())
                .isEqualTo(P4InfoConstants.INT_STREAM_INGRESS_ACL_NOP_ACL);
        var setPort = interpreter.mapTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(3))
                .build(), P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_L2_EXACT);
        assertThat(setPort.id()).isEqualTo(P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_SET_EGRESS_PORT_L2_EXACT);
        assertThat(setPort.parameters()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(P4InfoConstants.PORT_NUM);
            assertThat(p.value().asArray()).containsExactly(0, 3);
        });
        assertThatThrownBy(() -> interpreter.mapTreatment(DefaultTrafficTreatment.builder()
                .setOutput(PortNumber.portNumber(3)).build(), P4InfoConstants.INT_STREAM_INGRESS_ACL_ACL))
                .hasMessageContaining("controller only");
        assertThatThrownBy(() -> interpreter.mapTreatment(DefaultTrafficTreatment.builder()
                .setOutput(PortNumber.CONTROLLER).build(), P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_L2_EXACT))
                .hasMessageContaining("not a data port");
        assertThatThrownBy(() -> interpreter.mapTreatment(DefaultTrafficTreatment.emptyTreatment(),
                P4InfoConstants.INT_STREAM_INGRESS_SLOT0_FILTER))
                .hasMessageContaining("not programmed from ONOS treatments");
    }
}
