package org.intstream.onos.pipeconf;

import static org.intstream.onos.pipeconf.P4InfoConstants.EGRESS_PORT;
import static org.intstream.onos.pipeconf.P4InfoConstants.INGRESS_PORT;
import static org.intstream.onos.pipeconf.P4InfoConstants.PAD;
import static org.intstream.onos.pipeconf.P4InfoConstants.THROUGH_TABLES;
import static org.onosproject.net.pi.model.PiPacketOperationType.PACKET_OUT;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.intstream.onos.AppConstants;
import org.onlab.packet.DeserializationException;
import org.onlab.packet.Ethernet;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Port;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.driver.AbstractHandlerBehaviour;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.criteria.Criterion;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.packet.DefaultInboundPacket;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.packet.OutboundPacket;
import org.onosproject.net.pi.model.PiMatchFieldId;
import org.onosproject.net.pi.model.PiPacketMetadataId;
import org.onosproject.net.pi.model.PiPipelineInterpreter;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiPacketMetadata;
import org.onosproject.net.pi.runtime.PiPacketOperation;

/**
 * How ONOS talks to intstream.p4: packet-outs and packet-ins through the program's controller headers,
 * criteria and treatments as its match fields and actions.
 *
 * <p>A packet-out to a port leaves on that port without going through the tables; OUTPUT:TABLE sends it
 * through the whole pipeline ({@code through_tables = 1}) as if it had arrived on the packet's in-port (port
 * 0 when ONOS gives none); FLOOD becomes one packet-out per enabled port of the device but the packet's in-port. Packet-ins carry the port
 * the packet (or, for a report, the reported packet) arrived on. Flow rules must name a table: table ids
 * of plain OpenFlow-style rules (table 0) are not mapped, so forwarding goes through the pipeliner.
 */
public class InterpreterImpl extends AbstractHandlerBehaviour implements PiPipelineInterpreter {
    @Override
    public Optional<PiMatchFieldId> mapCriterionType(Criterion.Type type) {
        return CriterionTranslator.fieldOf(type);
    }

    @Override
    public Optional<PiTableId> mapFlowRuleTableId(int flowRuleTableId) {
        return Optional.empty();
    }

    @Override
    public PiAction mapTreatment(TrafficTreatment treatment, PiTableId piTableId) throws PiInterpreterException {
        return TreatmentTranslator.toAction(treatment, piTableId);
    }

    @Override
    public Optional<Integer> mapLogicalPortNumber(PortNumber port) {
        return PortNumber.CONTROLLER.equals(port) ? Optional.of(AppConstants.CPU_PORT_ID) : Optional.empty();
    }

    @Override
    public Collection<PiPacketOperation> mapOutboundPacket(OutboundPacket packet) throws PiInterpreterException {
        TrafficTreatment treatment = packet.treatment();
        List<PiPacketOperation> out = new ArrayList<>();
        for (Instruction i : treatment.allInstructions()) {
            if (i.type() != Instruction.Type.OUTPUT) {
                throw new PiInterpreterException("a packet-out of intstream.p4 only outputs; cannot apply " + i
                        + " in " + treatment);
            }
            PortNumber port = ((Instructions.OutputInstruction) i).port();
            if (PortNumber.TABLE.equals(port)) {
                PortNumber in = packet.inPort() == null ? PortNumber.portNumber(0) : packet.inPort();
                out.add(packetOut(packet.data(), 0, true, portValue(in)));
            } else if (PortNumber.FLOOD.equals(port)) {
                DeviceService devices = handler().get(DeviceService.class);
                for (Port p : devices.getPorts(packet.sendThrough())) {
                    // A flood never goes back out of the port the packet came in on.
                    if (!p.number().isLogical() && p.isEnabled() && !p.number().equals(packet.inPort())) {
                        out.add(packetOut(packet.data(), portValue(p.number()), false, 0));
                    }
                }
            } else if (port.isLogical()) {
                throw new PiInterpreterException("packet-out to logical port " + port
                        + " is not supported by intstream.p4 (use a data port, TABLE or FLOOD)");
            } else {
                out.add(packetOut(packet.data(), portValue(port), false, 0));
            }
        }
        if (out.isEmpty() && !treatment.allInstructions().isEmpty()) {
            throw new PiInterpreterException("device " + packet.sendThrough() + " has no enabled port to flood to");
        }
        return out;
    }

    @Override
    public InboundPacket mapInboundPacket(PiPacketOperation packetIn, DeviceId deviceId)
            throws PiInterpreterException {
        PiPacketMetadata ingress = packetIn.metadatas().stream()
                .filter(m -> m.id().equals(INGRESS_PORT))
                .findFirst()
                .orElseThrow(() -> new PiInterpreterException("packet-in from " + deviceId
                        + " has no ingress_port metadata: " + packetIn));
        byte[] data = packetIn.data().asArray();
        Ethernet eth;
        try {
            eth = Ethernet.deserializer().deserialize(data, 0, data.length);
        } catch (DeserializationException e) {
            throw new PiInterpreterException("packet-in from " + deviceId + " is not an Ethernet frame: "
                    + e.getMessage());
        }
        long port = 0;
        for (byte b : ingress.value().asArray()) {
            port = (port << 8) | (b & 0xFF);
        }
        return new DefaultInboundPacket(new ConnectPoint(deviceId, PortNumber.portNumber(port)), eth,
                ByteBuffer.wrap(data));
    }

    private static long portValue(PortNumber port) throws PiInterpreterException {
        if (port.toLong() < 0 || port.toLong() >= 1L << AppConstants.PORT_BITWIDTH) {
            throw new PiInterpreterException("port " + port + " does not fit v1model's "
                    + AppConstants.PORT_BITWIDTH + "-bit ports");
        }
        return port.toLong();
    }

    /** A packet-out with every field of the {@code packet_out} header set (the padding to zero). */
    static PiPacketOperation packetOut(ByteBuffer data, long egressPort, boolean throughTables, long ingressPort)
            throws PiInterpreterException {
        return PiPacketOperation.builder()
                .withType(PACKET_OUT)
                .withData(ImmutableByteSequence.copyFrom(data.duplicate()))
                .withMetadata(metadata(EGRESS_PORT, egressPort, AppConstants.PORT_BITWIDTH))
                .withMetadata(metadata(THROUGH_TABLES, throughTables ? 1 : 0, 1))
                .withMetadata(metadata(INGRESS_PORT, ingressPort, AppConstants.PORT_BITWIDTH))
                .withMetadata(metadata(PAD, 0, 5))
                .build();
    }

    private static PiPacketMetadata metadata(PiPacketMetadataId id, long value, int bits)
            throws PiInterpreterException {
        try {
            return PiPacketMetadata.builder().withId(id)
                    .withValue(ImmutableByteSequence.copyFrom(value).fit(bits))
                    .build();
        } catch (ImmutableByteSequence.ByteSequenceTrimException e) {
            throw new PiInterpreterException("packet-out metadata " + id + " = " + value + " does not fit "
                    + bits + " bits");
        }
    }
}
