package org.intstream.onos.runtime;

import static org.intstream.onos.pipeconf.P4InfoConstants.HDR_INGRESS_PORT;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_CLOCK_CLOCK;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_CLOCK_SET_CLOCK_OFFSET;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_EDGE_PORTS_EDGE_PORTS;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_EDGE_PORTS_MARK_EDGE;
import static org.intstream.onos.pipeconf.P4InfoConstants.OFFSET;

import java.nio.ByteBuffer;
import org.intstream.onos.AppConstants;
import org.onlab.util.ImmutableByteSequence;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.PiCriterion;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;

/**
 * The entries every query slot relies on, as flow rules: the clock offset (the default action of the keyless
 * {@code clock} table: ONOS writes a rule without match fields as the table's default entry) and one
 * {@code edge_ports} entry per port facing hosts, so each packet is counted where it enters the network.
 */
public final class DeviceSetupRules {
    /** Rules of exact and keyless tables need no priority on the switch; ONOS's FlowRule wants one. */
    static final int PRIORITY = 10;

    private DeviceSetupRules() {
    }

    /** The clock offset that turns the switch's timestamp into Unix microseconds (docs/switch.md). */
    public static FlowRule clockOffset(DeviceId device, ApplicationId app, long offsetMicros) {
        PiAction action = PiAction.builder().withId(INT_STREAM_INGRESS_CLOCK_SET_CLOCK_OFFSET)
                .withParameter(new PiActionParam(OFFSET, ImmutableByteSequence.copyFrom(offsetMicros)))
                .build();
        return DefaultFlowRule.builder().forDevice(device).fromApp(app).forTable(INT_STREAM_INGRESS_CLOCK_CLOCK)
                .withSelector(DefaultTrafficSelector.emptySelector())
                .withTreatment(DefaultTrafficTreatment.builder().piTableAction(action).build())
                .withPriority(PRIORITY).makePermanent().build();
    }

    /**
     * Marks a port as facing hosts.
     *
     * @throws IllegalArgumentException for a logical port or one beyond v1model's 9-bit ports
     */
    public static FlowRule edgePort(DeviceId device, ApplicationId app, PortNumber port) {
        if (port.isLogical() || port.toLong() >= 1L << AppConstants.PORT_BITWIDTH) {
            throw new IllegalArgumentException("port " + port + " of " + device + " can't be an edge port of "
                    + "intstream.p4 (ports are " + AppConstants.PORT_BITWIDTH + " bits)");
        }
        byte[] value = ByteBuffer.allocate(2).putShort((short) port.toLong()).array();
        PiCriterion match = PiCriterion.builder().matchExact(HDR_INGRESS_PORT, value).build();
        return DefaultFlowRule.builder().forDevice(device).fromApp(app)
                .forTable(INT_STREAM_INGRESS_EDGE_PORTS_EDGE_PORTS)
                .withSelector(DefaultTrafficSelector.builder().matchPi(match).build())
                .withTreatment(DefaultTrafficTreatment.builder().piTableAction(
                        PiAction.builder().withId(INT_STREAM_INGRESS_EDGE_PORTS_MARK_EDGE).build()).build())
                .withPriority(PRIORITY).makePermanent().build();
    }
}
