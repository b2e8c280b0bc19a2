package org.intstream.onos.pipeconf;

import org.onosproject.net.pi.model.PiActionId;
import org.onosproject.net.pi.model.PiActionParamId;
import org.onosproject.net.pi.model.PiCounterId;
import org.onosproject.net.pi.model.PiMatchFieldId;
import org.onosproject.net.pi.model.PiMeterId;
import org.onosproject.net.pi.model.PiPacketMetadataId;
import org.onosproject.net.pi.model.PiRegisterId;
import org.onosproject.net.pi.model.PiTableId;

/**
 * Every name in intstream.p4's P4Info, so Java code never types a P4 name by hand. Generated from
 * {@code p4src/build/intstream.p4info.txt}; {@code P4InfoConstantsTest} fails when they differ and
 * rewrites this file with {@code -Dconstants.update=true}. Do not edit.
 */
public final class P4InfoConstants {
    private P4InfoConstants() {
    }

    // Match fields
    public static final PiMatchFieldId HDR_DST_ADDR =
            PiMatchFieldId.of("dst_addr");
    public static final PiMatchFieldId HDR_ETH_DST =
            PiMatchFieldId.of("eth_dst");
    public static final PiMatchFieldId HDR_ETH_SRC =
            PiMatchFieldId.of("eth_src");
    public static final PiMatchFieldId HDR_ETH_TYPE =
            PiMatchFieldId.of("eth_type");
    public static final PiMatchFieldId HDR_INGRESS_PORT =
            PiMatchFieldId.of("ingress_port");
    public static final PiMatchFieldId HDR_IP_PROTO =
            PiMatchFieldId.of("ip_proto");
    public static final PiMatchFieldId HDR_IPV4_DST =
            PiMatchFieldId.of("ipv4_dst");
    public static final PiMatchFieldId HDR_IPV4_SRC =
            PiMatchFieldId.of("ipv4_src");
    public static final PiMatchFieldId HDR_IS_EDGE =
            PiMatchFieldId.of("is_edge");
    public static final PiMatchFieldId HDR_L4_DPORT =
            PiMatchFieldId.of("l4_dport");
    public static final PiMatchFieldId HDR_L4_SPORT =
            PiMatchFieldId.of("l4_sport");
    public static final PiMatchFieldId HDR_TCP_FLAGS =
            PiMatchFieldId.of("tcp_flags");

    // Tables
    public static final PiTableId INT_STREAM_INGRESS_ACL_ACL =
            PiTableId.of("IntStreamIngress.acl.acl");
    public static final PiTableId INT_STREAM_INGRESS_CLOCK_CLOCK =
            PiTableId.of("IntStreamIngress.clock.clock");
    public static final PiTableId INT_STREAM_INGRESS_EDGE_PORTS_EDGE_PORTS =
            PiTableId.of("IntStreamIngress.edge_ports.edge_ports");
    public static final PiTableId INT_STREAM_INGRESS_FORWARDING_L2_EXACT =
            PiTableId.of("IntStreamIngress.forwarding.l2_exact");
    public static final PiTableId INT_STREAM_INGRESS_FORWARDING_L2_TERNARY =
            PiTableId.of("IntStreamIngress.forwarding.l2_ternary");
    public static final PiTableId INT_STREAM_INGRESS_FORWARDING_MY_STATION =
            PiTableId.of("IntStreamIngress.forwarding.my_station");
    public static final PiTableId INT_STREAM_INGRESS_FORWARDING_ROUTING_V4 =
            PiTableId.of("IntStreamIngress.forwarding.routing_v4");
    public static final PiTableId INT_STREAM_INGRESS_SLOT0_FILTER =
            PiTableId.of("IntStreamIngress.slot0.filter");
    public static final PiTableId INT_STREAM_INGRESS_SLOT1_FILTER =
            PiTableId.of("IntStreamIngress.slot1.filter");
    public static final PiTableId INT_STREAM_INGRESS_SLOT2_FILTER =
            PiTableId.of("IntStreamIngress.slot2.filter");
    public static final PiTableId INT_STREAM_INGRESS_SLOT3_FILTER =
            PiTableId.of("IntStreamIngress.slot3.filter");

    // Indirect counters
    public static final PiCounterId INT_STREAM_EGRESS_REPORT_REPORT_COUNTER =
            PiCounterId.of("IntStreamEgress.report.report_counter");
    public static final PiCounterId INT_STREAM_INGRESS_SLOT0_SKETCH_COUNTER =
            PiCounterId.of("IntStreamIngress.slot0.sketch_counter");
    public static final PiCounterId INT_STREAM_INGRESS_SLOT1_SKETCH_COUNTER =
            PiCounterId.of("IntStreamIngress.slot1.sketch_counter");
    public static final PiCounterId INT_STREAM_INGRESS_SLOT2_SKETCH_COUNTER =
            PiCounterId.of("IntStreamIngress.slot2.sketch_counter");
    public static final PiCounterId INT_STREAM_INGRESS_SLOT3_SKETCH_COUNTER =
            PiCounterId.of("IntStreamIngress.slot3.sketch_counter");

    // Direct counters
    public static final PiCounterId INT_STREAM_INGRESS_ACL_ACL_COUNTER =
            PiCounterId.of("IntStreamIngress.acl.acl_counter");
    public static final PiCounterId INT_STREAM_INGRESS_FORWARDING_L2_EXACT_COUNTER =
            PiCounterId.of("IntStreamIngress.forwarding.l2_exact_counter");
    public static final PiCounterId INT_STREAM_INGRESS_FORWARDING_ROUTING_V4_COUNTER =
            PiCounterId.of("IntStreamIngress.forwarding.routing_v4_counter");
    public static final PiCounterId INT_STREAM_INGRESS_SLOT0_FILTER_COUNTER =
            PiCounterId.of("IntStreamIngress.slot0.filter_counter");
    public static final PiCounterId INT_STREAM_INGRESS_SLOT1_FILTER_COUNTER =
            PiCounterId.of("IntStreamIngress.slot1.filter_counter");
    public static final PiCounterId INT_STREAM_INGRESS_SLOT2_FILTER_COUNTER =
            PiCounterId.of("IntStreamIngress.slot2.filter_counter");
    public static final PiCounterId INT_STREAM_INGRESS_SLOT3_FILTER_COUNTER =
            PiCounterId.of("IntStreamIngress.slot3.filter_counter");

    // Actions
    public static final PiActionId INT_STREAM_INGRESS_ACL_CLONE_TO_CPU_ACL =
            PiActionId.of("IntStreamIngress.acl.clone_to_cpu_acl");
    public static final PiActionId INT_STREAM_INGRESS_ACL_DROP_ACL =
            PiActionId.of("IntStreamIngress.acl.drop_acl");
    public static final PiActionId INT_STREAM_INGRESS_ACL_NOP_ACL =
            PiActionId.of("IntStreamIngress.acl.nop_acl");
    public static final PiActionId INT_STREAM_INGRESS_ACL_SEND_TO_CPU_ACL =
            PiActionId.of("IntStreamIngress.acl.send_to_cpu_acl");
    public static final PiActionId INT_STREAM_INGRESS_CLOCK_SET_CLOCK_OFFSET =
            PiActionId.of("IntStreamIngress.clock.set_clock_offset");
    public static final PiActionId INT_STREAM_INGRESS_EDGE_PORTS_MARK_EDGE =
            PiActionId.of("IntStreamIngress.edge_ports.mark_edge");
    public static final PiActionId INT_STREAM_INGRESS_FORWARDING_DROP_L2_EXACT =
            PiActionId.of("IntStreamIngress.forwarding.drop_l2_exact");
    public static final PiActionId INT_STREAM_INGRESS_FORWARDING_DROP_ROUTING_V4 =
            PiActionId.of("IntStreamIngress.forwarding.drop_routing_v4");
    public static final PiActionId INT_STREAM_INGRESS_FORWARDING_SET_EGRESS_PORT_L2_EXACT =
            PiActionId.of("IntStreamIngress.forwarding.set_egress_port_l2_exact");
    public static final PiActionId INT_STREAM_INGRESS_FORWARDING_SET_MULTICAST_GROUP =
            PiActionId.of("IntStreamIngress.forwarding.set_multicast_group");
    public static final PiActionId INT_STREAM_INGRESS_FORWARDING_SET_NEXT_HOP_ROUTING_V4 =
            PiActionId.of("IntStreamIngress.forwarding.set_next_hop_routing_v4");
    public static final PiActionId INT_STREAM_INGRESS_SLOT0_CONFIGURE =
            PiActionId.of("IntStreamIngress.slot0.configure");
    public static final PiActionId INT_STREAM_INGRESS_SLOT1_CONFIGURE =
            PiActionId.of("IntStreamIngress.slot1.configure");
    public static final PiActionId INT_STREAM_INGRESS_SLOT2_CONFIGURE =
            PiActionId.of("IntStreamIngress.slot2.configure");
    public static final PiActionId INT_STREAM_INGRESS_SLOT3_CONFIGURE =
            PiActionId.of("IntStreamIngress.slot3.configure");
    public static final PiActionId NO_ACTION =
            PiActionId.of("NoAction");

    // Action parameters
    public static final PiActionParamId BYTE_SUM =
            PiActionParamId.of("byte_sum");
    public static final PiActionParamId DISTINCT =
            PiActionParamId.of("distinct");
    public static final PiActionParamId DISTINCT_DPORT =
            PiActionParamId.of("distinct_dport");
    public static final PiActionParamId DISTINCT_DST =
            PiActionParamId.of("distinct_dst");
    public static final PiActionParamId DISTINCT_PROTO =
            PiActionParamId.of("distinct_proto");
    public static final PiActionParamId DISTINCT_SPORT =
            PiActionParamId.of("distinct_sport");
    public static final PiActionParamId DISTINCT_SRC =
            PiActionParamId.of("distinct_src");
    public static final PiActionParamId GID =
            PiActionParamId.of("gid");
    public static final PiActionParamId KEY_DPORT =
            PiActionParamId.of("key_dport");
    public static final PiActionParamId KEY_DST =
            PiActionParamId.of("key_dst");
    public static final PiActionParamId KEY_PROTO =
            PiActionParamId.of("key_proto");
    public static final PiActionParamId KEY_SPORT =
            PiActionParamId.of("key_sport");
    public static final PiActionParamId KEY_SRC =
            PiActionParamId.of("key_src");
    public static final PiActionParamId NEXT_HOP_MAC =
            PiActionParamId.of("next_hop_mac");
    public static final PiActionParamId OFFSET =
            PiActionParamId.of("offset");
    public static final PiActionParamId PORT_NUM =
            PiActionParamId.of("port_num");
    public static final PiActionParamId RECIPROCAL =
            PiActionParamId.of("reciprocal");
    public static final PiActionParamId REPORT_THRESHOLD =
            PiActionParamId.of("report_threshold");
    public static final PiActionParamId ROUTER_MAC =
            PiActionParamId.of("router_mac");
    public static final PiActionParamId ROW_WIDTH_MASK =
            PiActionParamId.of("row_width_mask");

    // Packet metadata
    public static final PiPacketMetadataId PAD =
            PiPacketMetadataId.of("_pad");
    public static final PiPacketMetadataId EGRESS_PORT =
            PiPacketMetadataId.of("egress_port");
    public static final PiPacketMetadataId INGRESS_PORT =
            PiPacketMetadataId.of("ingress_port");
    public static final PiPacketMetadataId THROUGH_TABLES =
            PiPacketMetadataId.of("through_tables");

    // Meters
    public static final PiMeterId INT_STREAM_EGRESS_REPORT_REPORT_METER =
            PiMeterId.of("IntStreamEgress.report.report_meter");

    // Registers
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT0_DISTINCT_CELLS =
            PiRegisterId.of("IntStreamIngress.slot0.distinct_cells");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT0_REPORTED_CELLS =
            PiRegisterId.of("IntStreamIngress.slot0.reported_cells");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT0_THRESHOLD_ROW0 =
            PiRegisterId.of("IntStreamIngress.slot0.threshold_row0");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT0_THRESHOLD_ROW1 =
            PiRegisterId.of("IntStreamIngress.slot0.threshold_row1");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT0_THRESHOLD_ROW2 =
            PiRegisterId.of("IntStreamIngress.slot0.threshold_row2");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT1_DISTINCT_CELLS =
            PiRegisterId.of("IntStreamIngress.slot1.distinct_cells");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT1_REPORTED_CELLS =
            PiRegisterId.of("IntStreamIngress.slot1.reported_cells");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT1_THRESHOLD_ROW0 =
            PiRegisterId.of("IntStreamIngress.slot1.threshold_row0");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT1_THRESHOLD_ROW1 =
            PiRegisterId.of("IntStreamIngress.slot1.threshold_row1");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT1_THRESHOLD_ROW2 =
            PiRegisterId.of("IntStreamIngress.slot1.threshold_row2");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT2_DISTINCT_CELLS =
            PiRegisterId.of("IntStreamIngress.slot2.distinct_cells");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT2_REPORTED_CELLS =
            PiRegisterId.of("IntStreamIngress.slot2.reported_cells");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT2_THRESHOLD_ROW0 =
            PiRegisterId.of("IntStreamIngress.slot2.threshold_row0");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT2_THRESHOLD_ROW1 =
            PiRegisterId.of("IntStreamIngress.slot2.threshold_row1");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT2_THRESHOLD_ROW2 =
            PiRegisterId.of("IntStreamIngress.slot2.threshold_row2");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT3_DISTINCT_CELLS =
            PiRegisterId.of("IntStreamIngress.slot3.distinct_cells");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT3_REPORTED_CELLS =
            PiRegisterId.of("IntStreamIngress.slot3.reported_cells");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT3_THRESHOLD_ROW0 =
            PiRegisterId.of("IntStreamIngress.slot3.threshold_row0");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT3_THRESHOLD_ROW1 =
            PiRegisterId.of("IntStreamIngress.slot3.threshold_row1");
    public static final PiRegisterId INT_STREAM_INGRESS_SLOT3_THRESHOLD_ROW2 =
            PiRegisterId.of("IntStreamIngress.slot3.threshold_row2");
}
