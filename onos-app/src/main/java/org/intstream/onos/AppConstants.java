package org.intstream.onos;

import org.intstream.query.switchgen.IntStreamP4;
import org.onosproject.net.pi.model.PiPipeconfId;

/** Values the application shares with ONOS (names) and with {@code intstream.p4} (ports, sessions). */
public final class AppConstants {
    private AppConstants() {
    }

    /** The application's name, as in the .oar and {@code onos-app activate}. */
    public static final String APP_NAME = "org.intstream.app";

    /** The pipeconf a device's netcfg names to run intstream.p4. */
    public static final PiPipeconfId PIPECONF_ID = new PiPipeconfId("org.intstream.pipeconf");

    /** The v1model port that leads to the controller (BMv2's {@code --cpu-port}). */
    public static final int CPU_PORT_ID = IntStreamP4.CPU_PORT;

    /** The clone session (a CLONE group in ONOS) that carries reports and ACL copies to the CPU port. */
    public static final int REPORT_CLONE_SESSION_ID = IntStreamP4.REPORT_CLONE_SESSION_ID;

    /** The EtherType of report frames in packet-ins. */
    public static final short ETHERTYPE_REPORT = (short) IntStreamP4.ETHERTYPE_INTSTREAM_REPORT;

    /** v1model's egress_spec and ingress_port width. */
    public static final int PORT_BITWIDTH = 9;

    /**
     * Multicast group ids (16 bits in the PRE) for flooding are offset from ONOS's next ids so they never
     * meet the clone session's group id: under ONOS both are group ids of one device.
     */
    public static final int MULTICAST_GROUP_BASE = 0x100;
    public static final int MAX_MULTICAST_GROUP_ID = 0xFFFF;
}
