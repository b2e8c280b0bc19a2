// SPDX-License-Identifier: GPL-3.0-or-later
// Headers and metadata of intstream.p4.

#ifndef __HEADER__
#define __HEADER__

#include "define.p4"

// The controller sees ingress_port of every packet-in; for a report it is the port the reported packet
// arrived on.
@controller_header("packet_in")
header packet_in_t {
    port_num_t ingress_port;
    bit<7> _pad;
}

// A packet-out either leaves on egress_port without going through the tables, or, with through_tables
// set, goes through the whole pipeline as if it had arrived on ingress_port (ONOS's OUTPUT:TABLE; the
// controller's probes; tests that feed a switch without data ports).
@controller_header("packet_out")
header packet_out_t {
    port_num_t egress_port;
    bit<1> through_tables;
    port_num_t ingress_port;
    bit<5> _pad;
}

header ethernet_t {
    mac_addr_t dst_addr;
    mac_addr_t src_addr;
    bit<16> ether_type;
}

header vlan_t {
    bit<3> pcp;
    bit<1> dei;
    bit<12> vid;
    bit<16> ether_type;
}

header ipv4_t {
    bit<4> version;
    bit<4> ihl;
    bit<6> dscp;
    bit<2> ecn;
    bit<16> total_len;
    bit<16> identification;
    bit<3> flags;
    bit<13> frag_offset;
    bit<8> ttl;
    bit<8> protocol;
    bit<16> hdr_checksum;
    ipv4_addr_t src_addr;
    ipv4_addr_t dst_addr;
}

header tcp_t {
    bit<16> sport;
    bit<16> dport;
    bit<32> seq_no;
    bit<32> ack_no;
    bit<4> data_offset;
    bit<4> res;
    bit<8> flags;
    bit<16> window;
    bit<16> checksum;
    bit<16> urgent_ptr;
}

header udp_t {
    bit<16> sport;
    bit<16> dport;
    bit<16> len;
    bit<16> checksum;
}

header icmp_t {
    bit<8> icmp_type;
    bit<8> icmp_code;
    bit<16> checksum;
}

// The report that follows report_ethernet in a report frame; the original packet's headers follow it.
// fired has bit i set when slot i fired on this packet; timestamp is the switch clock plus the
// controller's offset, in microseconds, so the controller derives each slot's epoch as the switch did.
header report_t {
    bit<8> version;
    bit<8> fired;
    bit<16> ingress_port;
    bit<64> timestamp;
}

struct headers_t {
    packet_out_t packet_out;
    packet_in_t packet_in;
    ethernet_t report_ethernet;
    report_t report;
    ethernet_t ethernet;
    vlan_t vlan;
    ipv4_t ipv4;
    tcp_t tcp;
    udp_t udp;
    icmp_t icmp;
}

struct local_metadata_t {
    // L4 fields gathered from TCP or UDP so the slots match one set of fields; zero without L4.
    bit<16> l4_sport;
    bit<16> l4_dport;
    bit<8> tcp_flags;
    // Set on ports facing hosts: a query filtering on it counts each packet at exactly one switch.
    bit<1> is_edge;
    // Switch clock plus the controller's offset, microseconds.
    bit<64> now;
    bit<1> skip_forwarding;
    // Set when forwarding floods the frame through a multicast group.
    bit<1> is_multicast;
    bit<1> copy_to_cpu;
    // Slots that fired on this packet, bit i for slot i.
    bit<8> fired;
    @field_list(FL_REPORT)
    bit<8> report_fired;
    @field_list(FL_REPORT)
    port_num_t report_ingress_port;
    @field_list(FL_REPORT)
    bit<64> report_timestamp;
    @field_list(FL_REPORT)
    bit<1> report_copy;
}

#endif // __HEADER__
