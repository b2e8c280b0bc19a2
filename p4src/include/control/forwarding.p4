// SPDX-License-Identifier: GPL-3.0-or-later

#ifndef __FORWARDING__
#define __FORWARDING__

#include "../header.p4"
#include "../size.p4"

// *** EDGE PORTS
// Ports facing hosts are marked so a query's filter can count each packet once, where it enters the
// network, however many switches it crosses.
control EdgePorts(inout local_metadata_t lm, in standard_metadata_t sm) {
    action mark_edge() {
        lm.is_edge = 1;
    }

    /* Edge Port Table. */
    table edge_ports {
        key = {
            sm.ingress_port: exact @name("ingress_port");
        }
        actions = {
            mark_edge;
            @defaultonly NoAction;
        }
        const default_action = NoAction;
        size = EDGE_PORT_TABLE_SIZE;
    }

    apply {
        edge_ports.apply();
    }
}

// *** L2 BRIDGING AND IPV4 ROUTING
// An exact table for known hosts and a ternary one for broadcast and multicast (flooded through a
// multicast group), as in the ONOS tutorials; IPv4 routing for packets addressed to the switch's own MAC
// (my_station) picks a next hop by longest prefix and rewrites the MACs.
control Forwarding(inout headers_t hdr,
                   inout local_metadata_t lm,
                   inout standard_metadata_t sm) {
    direct_counter(CounterType.packets_and_bytes) l2_exact_counter;
    direct_counter(CounterType.packets_and_bytes) routing_v4_counter;

    action drop() {
        mark_to_drop(sm);
    }

    action set_egress_port_l2_exact(port_num_t port_num) {
        sm.egress_spec = port_num;
        l2_exact_counter.count();
    }

    action drop_l2_exact() {
        mark_to_drop(sm);
        l2_exact_counter.count();
    }

    /* L2 Exact Table. */
    table l2_exact {
        key = {
            hdr.ethernet.dst_addr: exact @name("dst_addr");
        }
        actions = {
            set_egress_port_l2_exact;
            @defaultonly drop_l2_exact;
        }
        const default_action = drop_l2_exact;
        counters = l2_exact_counter;
        size = L2_EXACT_TABLE_SIZE;
    }

    action set_multicast_group(bit<16> gid) {
        sm.mcast_grp = gid;
        lm.is_multicast = 1;
    }

    /* L2 Ternary Table (broadcast, multicast). */
    table l2_ternary {
        key = {
            hdr.ethernet.dst_addr: ternary @name("dst_addr");
        }
        actions = {
            set_multicast_group;
            @defaultonly NoAction;
        }
        const default_action = NoAction;
        size = L2_TERNARY_TABLE_SIZE;
    }

    /* My Station Table: frames to the router MAC are routed. */
    table my_station {
        key = {
            hdr.ethernet.dst_addr: exact @name("dst_addr");
        }
        actions = {
            NoAction;
        }
        size = MY_STATION_TABLE_SIZE;
    }

    action set_next_hop_routing_v4(port_num_t port_num, mac_addr_t router_mac, mac_addr_t next_hop_mac) {
        sm.egress_spec = port_num;
        hdr.ethernet.src_addr = router_mac;
        hdr.ethernet.dst_addr = next_hop_mac;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
        routing_v4_counter.count();
    }

    action drop_routing_v4() {
        mark_to_drop(sm);
        routing_v4_counter.count();
    }

    /* IPv4 Routing Table. */
    table routing_v4 {
        key = {
            hdr.ipv4.dst_addr: lpm @name("ipv4_dst");
        }
        actions = {
            set_next_hop_routing_v4;
            drop_routing_v4;
        }
        default_action = drop_routing_v4();
        counters = routing_v4_counter;
        size = ROUTING_V4_TABLE_SIZE;
    }

    apply {
        if (hdr.ipv4.isValid() && my_station.apply().hit) {
            if (hdr.ipv4.ttl <= 1) {
                drop();
            } else {
                routing_v4.apply();
            }
        } else if (!l2_ternary.apply().hit) {
            l2_exact.apply();
        }
    }
}

// *** MULTICAST PRUNING
// A flooded frame is not sent back out of the port it came in on: in a tree of switches that would
// bounce every broadcast between neighbours forever.
control MulticastPruning(in local_metadata_t lm, inout standard_metadata_t sm) {
    apply {
        if (lm.is_multicast == 1 && sm.egress_port == sm.ingress_port) {
            mark_to_drop(sm);
        }
    }
}

#endif // __FORWARDING__
