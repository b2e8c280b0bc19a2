/*
 * driver_test.p4: the small v1model program the p4runtime-driver tests run on BMv2.
 *
 * It is not IntStream's pipeline (that is p4src/intstream.p4); it only has to give the driver one of
 * everything it programs: tables with exact, LPM, ternary, range and optional keys, an indirect counter,
 * a meter, a clone session to the CPU port, and packet_in/packet_out controller headers.
 * Rebuild with the command in build.sh next to this file.
 */
#include <core.p4>
#include <v1model.p4>

#define CPU_PORT 255

typedef bit<9>  port_t;
typedef bit<48> mac_t;
typedef bit<32> ipv4_t;

// *** CONTROLLER HEADERS
// P4Runtime numbers the metadata of each header by field order (ids 1, 2, ...); the tests rely on that.
@controller_header("packet_in")
header packet_in_t {
    port_t  ingress_port;
    bit<7>  reason;
}

@controller_header("packet_out")
header packet_out_t {
    port_t  egress_port;
    bit<7>  _pad;
}

header ethernet_t {
    mac_t     dst_addr;
    mac_t     src_addr;
    bit<16>   ether_type;
}

header ipv4_t_h {
    bit<4>  version;
    bit<4>  ihl;
    bit<8>  diffserv;
    bit<16> total_len;
    bit<16> identification;
    bit<3>  flags;
    bit<13> frag_offset;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> hdr_checksum;
    ipv4_t  src_addr;
    ipv4_t  dst_addr;
}

struct headers_t {
    packet_out_t packet_out;
    packet_in_t  packet_in;
    ethernet_t   ethernet;
    ipv4_t_h     ipv4;
}

struct metadata_t {
    // Kept across the ingress-to-egress clone (plain clone() would lose it).
    @field_list(1)
    port_t  ingress_port;
    bit<32> color;
}

const bit<7> REASON_ACL_CLONE = 1;

parser DriverTestParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
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
            0x0800: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        transition accept;
    }
}

control DriverTestVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control DriverTestIngress(inout headers_t hdr, inout metadata_t meta,
                          inout standard_metadata_t standard_metadata) {

    counter(1024, CounterType.packets_and_bytes) acl_hits;
    meter(16, MeterType.packets) port_meter;

    action drop() {
        mark_to_drop(standard_metadata);
    }

    action set_egress_port(port_t port) {
        standard_metadata.egress_spec = port;
    }

    // *** L2: exact match on the destination MAC.
    table l2_exact {
        key = {
            hdr.ethernet.dst_addr: exact @name("dst_mac");
        }
        actions = { set_egress_port; drop; NoAction; }
        default_action = NoAction();
        size = 256;
    }

    action set_next_hop(mac_t dmac, port_t port) {
        hdr.ethernet.dst_addr = dmac;
        standard_metadata.egress_spec = port;
    }

    // *** L3: longest-prefix match on the IPv4 destination.
    table ipv4_lpm {
        key = {
            hdr.ipv4.dst_addr: lpm @name("ipv4_dst");
        }
        actions = { set_next_hop; drop; NoAction; }
        default_action = NoAction();
        size = 256;
    }

    action count_and_clone(bit<32> index, bit<32> session) {
        acl_hits.count(index);
        clone_preserving_field_list(CloneType.I2E, session, 1);
    }

    action count_only(bit<32> index) {
        acl_hits.count(index);
    }

    action meter_packet(bit<32> index) {
        port_meter.execute_meter(index, meta.color);
    }

    // *** ACL: every kind of key that needs a priority (ternary, range, optional).
    table acl {
        key = {
            standard_metadata.ingress_port: optional @name("in_port");
            hdr.ethernet.ether_type: ternary @name("ether_type");
            hdr.ipv4.src_addr: ternary @name("ipv4_src");
            hdr.ipv4.ttl: range @name("ttl");
        }
        actions = { count_and_clone; count_only; meter_packet; drop; NoAction; }
        default_action = NoAction();
        size = 128;
    }

    apply {
        meta.ingress_port = standard_metadata.ingress_port;
        if (hdr.packet_out.isValid()) {
            standard_metadata.egress_spec = hdr.packet_out.egress_port;
            hdr.packet_out.setInvalid();
        } else {
            l2_exact.apply();
            ipv4_lpm.apply();
        }
        acl.apply();
        // A red packet (color 2) is dropped by the meter.
        if (meta.color == 2) {
            drop();
        }
    }
}

control DriverTestEgress(inout headers_t hdr, inout metadata_t meta,
                         inout standard_metadata_t standard_metadata) {
    apply {
        // instance_type 1: an ingress-to-egress clone, i.e. a copy for the controller.
        if (standard_metadata.instance_type == 1) {
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = meta.ingress_port;
            hdr.packet_in.reason = REASON_ACL_CLONE;
        }
    }
}

control DriverTestComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control DriverTestDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.packet_in);
        packet.emit(hdr.ethernet);
        packet.emit(hdr.ipv4);
    }
}

V1Switch(DriverTestParser(), DriverTestVerifyChecksum(), DriverTestIngress(), DriverTestEgress(),
         DriverTestComputeChecksum(), DriverTestDeparser()) main;
