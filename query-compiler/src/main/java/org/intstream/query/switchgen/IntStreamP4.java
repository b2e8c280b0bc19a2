package org.intstream.query.switchgen;

/**
 * Names and constants of {@code p4src/intstream.p4} as the P4Info and the program give them. A test checks
 * every name against the committed P4Info, so a change to the program cannot silently break the controller.
 */
public final class IntStreamP4 {
    private IntStreamP4() {
    }

    public static final int SLOTS = 4;
    public static final int SLOT_FILTER_TABLE_SIZE = 64;
    public static final int SKETCH_ROWS = 3;
    public static final int SKETCH_WIDTH = 1024;
    public static final int DISTINCT_CELLS = 4096;
    public static final int REPORTED_CELLS = 1024;
    public static final int SLOT_COUNTER_CELLS = 2 * SKETCH_ROWS * SKETCH_WIDTH;
    public static final int EPOCH_FRACTION_BITS = 80;
    public static final int CPU_PORT = 255;
    public static final int REPORT_CLONE_SESSION_ID = 99;
    public static final int ETHERTYPE_INTSTREAM_REPORT = 0x88B5;
    public static final int REPORT_VERSION = 1;
    public static final int REPORT_TRUNCATE_BYTES = 128;

    public static final String CLOCK_TABLE = "IntStreamIngress.clock.clock";
    public static final String SET_CLOCK_OFFSET = "IntStreamIngress.clock.set_clock_offset";
    public static final String EDGE_PORTS_TABLE = "IntStreamIngress.edge_ports.edge_ports";
    public static final String MARK_EDGE = "IntStreamIngress.edge_ports.mark_edge";
    public static final String L2_EXACT_TABLE = "IntStreamIngress.forwarding.l2_exact";
    public static final String SET_EGRESS_PORT_L2_EXACT = "IntStreamIngress.forwarding.set_egress_port_l2_exact";
    public static final String L2_TERNARY_TABLE = "IntStreamIngress.forwarding.l2_ternary";
    public static final String SET_MULTICAST_GROUP = "IntStreamIngress.forwarding.set_multicast_group";
    public static final String MY_STATION_TABLE = "IntStreamIngress.forwarding.my_station";
    public static final String ROUTING_V4_TABLE = "IntStreamIngress.forwarding.routing_v4";
    public static final String SET_NEXT_HOP_ROUTING_V4 = "IntStreamIngress.forwarding.set_next_hop_routing_v4";
    public static final String ACL_TABLE = "IntStreamIngress.acl.acl";
    public static final String REPORT_METER = "IntStreamEgress.report.report_meter";
    public static final String REPORT_COUNTER = "IntStreamEgress.report.report_counter";

    /** The filter table of a slot. */
    public static String slotFilter(int slot) {
        return "IntStreamIngress.slot" + slot + ".filter";
    }

    /** The action a slot's filter entries carry. */
    public static String slotConfigure(int slot) {
        return "IntStreamIngress.slot" + slot + ".configure";
    }

    /** The slot's controller-read counter: two epoch halves of three rows of {@link #SKETCH_WIDTH} cells. */
    public static String slotSketchCounter(int slot) {
        return "IntStreamIngress.slot" + slot + ".sketch_counter";
    }

    /** The counter index of a row's cell in an epoch. */
    public static int sketchCounterIndex(long epoch, int row, int cell) {
        return (int) (epoch & 1) * SKETCH_ROWS * SKETCH_WIDTH + row * SKETCH_WIDTH + cell;
    }
}
