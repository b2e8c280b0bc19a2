package org.intstream.onos.pipeconf;

import static org.intstream.onos.pipeconf.P4InfoConstants.GID;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_ACL_ACL;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_ACL_CLONE_TO_CPU_ACL;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_ACL_DROP_ACL;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_ACL_NOP_ACL;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_ACL_SEND_TO_CPU_ACL;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_L2_EXACT;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_L2_TERNARY;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_SET_EGRESS_PORT_L2_EXACT;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_FORWARDING_SET_MULTICAST_GROUP;
import static org.intstream.onos.pipeconf.P4InfoConstants.PORT_NUM;

import java.util.List;
import org.intstream.onos.AppConstants;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.instructions.Instruction;
import org.onosproject.net.flow.instructions.Instructions;
import org.onosproject.net.pi.model.PiPipelineInterpreter.PiInterpreterException;
import org.onosproject.net.pi.model.PiTableId;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;

/**
 * ONOS treatments as intstream.p4 actions, per table:
 * <ul>
 *   <li>{@code acl}: OUTPUT:CONTROLLER punts ({@code send_to_cpu_acl}); OUTPUT:CONTROLLER with OUTPUT:TABLE
 *       copies to the controller and forwards as usual ({@code clone_to_cpu_acl}); a drop (NOACTION, which
 *       is also what ONOS builds for an empty treatment) drops; a treatment without instructions (only
 *       {@code wipeDeferred()}) does nothing ({@code nop_acl});</li>
 *   <li>{@code l2_exact}: one OUTPUT to a data port ({@code set_egress_port_l2_exact});</li>
 *   <li>{@code l2_ternary}: one GROUP, the flooding multicast group ({@code set_multicast_group}).</li>
 * </ul>
 * Query slots, the clock and edge ports are programmed by IntStream itself with PI actions, never from
 * treatments.
 */
public final class TreatmentTranslator {
    private TreatmentTranslator() {
    }

    /**
     * The action of a table for a treatment.
     *
     * @throws PiInterpreterException saying why the treatment does not fit the table
     */
    public static PiAction toAction(TrafficTreatment treatment, PiTableId table) throws PiInterpreterException {
        List<Instruction> instructions = treatment.allInstructions();
        if (table.equals(INT_STREAM_INGRESS_ACL_ACL)) {
            return aclAction(instructions, treatment);
        }
        if (table.equals(INT_STREAM_INGRESS_FORWARDING_L2_EXACT)) {
            PortNumber port = singleOutput(instructions, treatment, table);
            return PiAction.builder().withId(INT_STREAM_INGRESS_FORWARDING_SET_EGRESS_PORT_L2_EXACT)
                    .withParameter(portParam(port))
                    .build();
        }
        if (table.equals(INT_STREAM_INGRESS_FORWARDING_L2_TERNARY)) {
            if (instructions.size() != 1 || instructions.get(0).type() != Instruction.Type.GROUP) {
                throw new PiInterpreterException("table " + table + " takes one GROUP instruction (a flooding "
                        + "multicast group); not " + treatment);
            }
            int gid = ((Instructions.GroupInstruction) instructions.get(0)).groupId().id();
            if (gid <= 0 || gid > AppConstants.MAX_MULTICAST_GROUP_ID) {
                throw new PiInterpreterException("multicast group " + gid + " is outside the switch's 1 to "
                        + AppConstants.MAX_MULTICAST_GROUP_ID);
            }
            return PiAction.builder().withId(INT_STREAM_INGRESS_FORWARDING_SET_MULTICAST_GROUP)
                    .withParameter(new PiActionParam(GID, (short) gid))
                    .build();
        }
        throw new PiInterpreterException("table " + table + " is not programmed from ONOS treatments");
    }

    /** The {@code port_num} parameter for a data port. */
    static PiActionParam portParam(PortNumber port) throws PiInterpreterException {
        if (port.isLogical() || port.toLong() >= 1L << AppConstants.PORT_BITWIDTH
                || port.toLong() == AppConstants.CPU_PORT_ID) {
            throw new PiInterpreterException("port " + port + " is not a data port of a v1model switch");
        }
        return new PiActionParam(PORT_NUM, (short) port.toLong());
    }

    private static PiAction aclAction(List<Instruction> instructions, TrafficTreatment treatment)
            throws PiInterpreterException {
        if (instructions.isEmpty()) {
            return PiAction.builder().withId(INT_STREAM_INGRESS_ACL_NOP_ACL).build();
        }
        boolean toController = false;
        boolean toTable = false;
        for (Instruction i : instructions) {
            if (i.type() == Instruction.Type.NOACTION && instructions.size() == 1) {
                return PiAction.builder().withId(INT_STREAM_INGRESS_ACL_DROP_ACL).build();
            }
            if (i.type() != Instruction.Type.OUTPUT) {
                throw new PiInterpreterException("the ACL punts, copies or drops; it cannot apply " + i);
            }
            PortNumber p = ((Instructions.OutputInstruction) i).port();
            if (PortNumber.CONTROLLER.equals(p)) {
                toController = true;
            } else if (PortNumber.TABLE.equals(p)) {
                toTable = true;
            } else {
                throw new PiInterpreterException("the ACL sends packets to the controller only; not to " + p);
            }
        }
        if (!toController) {
            throw new PiInterpreterException("the ACL needs OUTPUT:CONTROLLER in " + treatment);
        }
        return PiAction.builder()
                .withId(toTable ? INT_STREAM_INGRESS_ACL_CLONE_TO_CPU_ACL : INT_STREAM_INGRESS_ACL_SEND_TO_CPU_ACL)
                .build();
    }

    private static PortNumber singleOutput(List<Instruction> instructions, TrafficTreatment treatment,
            PiTableId table) throws PiInterpreterException {
        if (instructions.size() != 1 || instructions.get(0).type() != Instruction.Type.OUTPUT) {
            throw new PiInterpreterException("table " + table + " takes one OUTPUT instruction; not " + treatment);
        }
        return ((Instructions.OutputInstruction) instructions.get(0)).port();
    }
}
