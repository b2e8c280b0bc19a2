// Soft switch test program: parsing, exact/ternary/lpm tables with isValid() keys, action
// parameters, multicast, drop, exit, CPU packet-in/packet-out, an I2E clone with a preserved
// field list, truncate() and instance_type checks in egress. Compiled into ../resources/p4/.
#include <core.p4>
#include <v1model.p4>

const bit<9> CPU_PORT = 255;
const bit<16> TYPE_VLAN = 0x8100;
const bit<16> TYPE_IPV4 = 0x0800;

@controller_header("packet_in")
header packet_in_t {
    bit<9> ingress_port;
    bit<7> reason;
}

@controller_header("packet_out")
header packet_out_t {
    bit<9> egress_port;
    bit<7> pad;
}

header ethernet_t {
    bit<48> dst;
    bit<48> src;
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
    bit<8> dscp;
    bit<16> total_len;
    bit<16> id;
    bit<3> flags;
    bit<13> frag;
    bit<8> ttl;
    bit<8> protocol;
    bit<16> checksum;
    bit<32> src;
    bit<32> dst;
}

header tcp_t {
    bit<16> sport;
    bit<16> dport;
    bit<32> seq;
    bit<32> ack;
    bit<4> data_offset;
    bit<4> res;
    bit<8> flags;
    bit<16> window;
    bit<16> checksum;
    bit<16> urgent;
}

header udp_t {
    bit<16> sport;
    bit<16> dport;
    bit<16> len;
    bit<16> checksum;
}

struct headers_t {
    packet_out_t packet_out;
    packet_in_t packet_in;
    ethernet_t ethernet;
    vlan_t vlan;
    ipv4_t ipv4;
    tcp_t tcp;
    udp_t udp;
}

struct metadata_t {
    @field_list(1)
    bit<9> orig_port;
    bit<16> l4_sport;
    bit<16> l4_dport;
    bit<8> class_id;
}

parser TestParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t standard_metadata) {
    state start {
        transition select(standard_metadata.ingress_port) {
            CPU_PORT: parse_packet_out;
            default: parse_ethernet;
        }
    }
    state parse_packet_out {
        packet.extract(hdr.packet_out);
        transition parse_ethernet;
    }
    state parse_ethernet {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            TYPE_VLAN: parse_vlan;
            TYPE_IPV4: parse_ipv4;
            default: accept;
        }
    }
    state parse_vlan {
        packet.extract(hdr.vlan);
        transition select(hdr.vlan.ether_type) {
            TYPE_IPV4: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        // First fragments only carry L4 headers; a masked select on flags/fragment offset.
        transition select(hdr.ipv4.frag, hdr.ipv4.protocol) {
            (0, 6): parse_tcp;
            (0, 17): parse_udp;
            (13w0x1000 &&& 13w0x1000, _): accept;
            default: accept;
        }
    }
    state parse_tcp {
        packet.extract(hdr.tcp);
        meta.l4_sport = hdr.tcp.sport;
        meta.l4_dport = hdr.tcp.dport;
        transition accept;
    }
    state parse_udp {
        packet.extract(hdr.udp);
        meta.l4_sport = hdr.udp.sport;
        meta.l4_dport = hdr.udp.dport;
        transition accept;
    }
}

control TestVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control TestIngress(inout headers_t hdr, inout metadata_t meta,
                    inout standard_metadata_t standard_metadata) {

    action drop() {
        mark_to_drop(standard_metadata);
    }
    action set_port(bit<9> port) {
        standard_metadata.egress_spec = port;
    }
    action flood(bit<16> group) {
        standard_metadata.mcast_grp = group;
    }
    action to_cpu() {
        standard_metadata.egress_spec = CPU_PORT;
    }
    table l2 {
        key = { hdr.ethernet.dst : exact; }
        actions = { set_port; flood; to_cpu; drop; NoAction; }
        default_action = NoAction();
        size = 64;
    }

    action route(bit<9> port, bit<48> next_mac) {
        standard_metadata.egress_spec = port;
        hdr.ethernet.src = hdr.ethernet.dst;
        hdr.ethernet.dst = next_mac;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 1;
    }
    table routes {
        key = { hdr.ipv4.dst : lpm; }
        actions = { route; drop; NoAction; }
        default_action = NoAction();
        size = 64;
    }

    action set_class(bit<8> class_id) {
        meta.class_id = class_id;
    }
    action mirror_to_cpu() {
        meta.orig_port = standard_metadata.ingress_port;
        clone_preserving_field_list(CloneType.I2E, 100, 1);
    }
    table acl {
        key = {
            hdr.ipv4.isValid() : exact;
            hdr.tcp.isValid() : exact;
            hdr.ipv4.src : ternary;
            meta.l4_dport : ternary;
        }
        actions = { set_class; mirror_to_cpu; drop; NoAction; }
        default_action = NoAction();
        size = 64;
    }

    // Fixed classes by destination port; the first matching const entry wins.
    table port_class {
        key = { meta.l4_dport : ternary; }
        actions = { set_class; NoAction; }
        default_action = NoAction();
        const entries = {
            16w80 &&& 16w0xffff : set_class(8);
            16w0x0050 &&& 16w0xfff0 : set_class(9);
            16w22 &&& 16w0xffff : set_class(7);
        }
    }

    apply {
        if (hdr.packet_out.isValid()) {
            standard_metadata.egress_spec = hdr.packet_out.egress_port;
            hdr.packet_out.setInvalid();
            exit;
        }
        if (hdr.vlan.isValid()) {
            // Untag: the VLAN header goes, its inner EtherType moves up.
            hdr.ethernet.ether_type = hdr.vlan.ether_type;
            hdr.vlan.setInvalid();
        }
        l2.apply();
        if (hdr.ipv4.isValid() && hdr.ipv4.ttl > 1) {
            routes.apply();
        }
        port_class.apply();
        switch (acl.apply().action_run) {
            drop: { exit; }
            default: { }
        }
    }
}

control TestEgress(inout headers_t hdr, inout metadata_t meta,
                   inout standard_metadata_t standard_metadata) {
    apply {
        if (standard_metadata.instance_type == 1) {
            // I2E clone to the CPU: a packet-in carrying the original ingress port, cut to 64 bytes.
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = meta.orig_port;
            hdr.packet_in.reason = 1;
            truncate(64);
        } else if (standard_metadata.egress_port == CPU_PORT) {
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = standard_metadata.ingress_port;
            hdr.packet_in.reason = 0;
        } else if (standard_metadata.egress_rid != 0) {
            // A multicast copy: mark the replica in the DSCP field.
            if (hdr.ipv4.isValid()) {
                hdr.ipv4.dscp = (bit<8>) standard_metadata.egress_rid;
            }
        }
        if (meta.class_id != 0 && hdr.ipv4.isValid()) {
            hdr.ipv4.id = (bit<16>) meta.class_id;
        }
    }
}

control TestComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply {
        update_checksum(hdr.ipv4.isValid(),
            { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.dscp, hdr.ipv4.total_len, hdr.ipv4.id,
              hdr.ipv4.flags, hdr.ipv4.frag, hdr.ipv4.ttl, hdr.ipv4.protocol, hdr.ipv4.src, hdr.ipv4.dst },
            hdr.ipv4.checksum, HashAlgorithm.csum16);
    }
}

control TestDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.packet_in);
        packet.emit(hdr.ethernet);
        packet.emit(hdr.vlan);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.tcp);
        packet.emit(hdr.udp);
    }
}

V1Switch(TestParser(), TestVerifyChecksum(), TestIngress(), TestEgress(),
         TestComputeChecksum(), TestDeparser()) main;
