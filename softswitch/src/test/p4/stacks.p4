// Soft switch test program: a header stack filled by a parser loop (extract next, select on the last
// element), push_front and pop_front, elements read and written by index, and a header union
// whose members replace each other. A report header in front of the packet shows what ingress saw.
// Compiled into ../resources/p4/.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header vlan_t {
    bit<16> tci;
    bit<16> ether_type;
}

header a_t {
    bit<8> x;
}

header b_t {
    bit<16> y;
}

header_union ab_t {
    a_t a;
    b_t b;
}

header report_t {
    bit<8> vlan_valid;
    bit<8> ab_valid;
    bit<16> picked_tci;
    bit<8> parser_error;
}

struct headers_t {
    report_t report;
    ethernet_t ethernet;
    vlan_t[3] vlans;
    ab_t ab;
}

struct metadata_t {
    bit<8> pick;
}

parser StacksParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                    inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            0x8100: parse_vlan;
            0x88bb: parse_a;
            0x88bc: parse_b;
            default: accept;
        }
    }
    state parse_vlan {
        packet.extract(hdr.vlans.next);
        transition select(hdr.vlans.last.ether_type) {
            0x8100: parse_vlan;
            0x88bb: parse_a;
            default: accept;
        }
    }
    state parse_a {
        packet.extract(hdr.ab.a);
        transition accept;
    }
    state parse_b {
        packet.extract(hdr.ab.b);
        transition accept;
    }
}

control StacksVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control StacksIngress(inout headers_t hdr, inout metadata_t meta,
                      inout standard_metadata_t standard_metadata) {
    apply {
        standard_metadata.egress_spec = 2;
        hdr.report.setValid();
        hdr.report.parser_error = standard_metadata.parser_error == error.StackOutOfBounds ? 8w1
                : (standard_metadata.parser_error == error.PacketTooShort ? 8w2 : 8w0);
        // The low two bits of the source MAC pick an element (constant indexes: BMv2 1.15.5 cannot load
        // the JSON p4c emits for a run-time index).
        meta.pick = (bit<8>) hdr.ethernet.src[1:0];
        if (meta.pick == 0 && hdr.vlans[0].isValid()) {
            hdr.report.picked_tci = hdr.vlans[0].tci;
            hdr.vlans[0].tci = hdr.vlans[0].tci + 0x100;
        } else if (meta.pick == 1 && hdr.vlans[1].isValid()) {
            hdr.report.picked_tci = hdr.vlans[1].tci;
            hdr.vlans[1].tci = hdr.vlans[1].tci + 0x100;
        } else if (meta.pick == 2 && hdr.vlans[2].isValid()) {
            hdr.report.picked_tci = hdr.vlans[2].tci;
            hdr.vlans[2].tci = hdr.vlans[2].tci + 0x100;
        }
        if (hdr.ethernet.src[2:2] == 1) {
            hdr.vlans.pop_front(1);
        } else if (hdr.ethernet.src[3:3] == 1) {
            hdr.vlans.push_front(2);
            hdr.vlans[0].setValid();
            hdr.vlans[0].tci = 0x0abc;
            hdr.vlans[0].ether_type = 0x8100;
        }
        if (hdr.ab.a.isValid() && hdr.ethernet.src[4:4] == 1) {
            // Making b valid makes a invalid: a union holds one member.
            bit<16> copied = (bit<16>) hdr.ab.a.x;
            hdr.ab.b.setValid();
            hdr.ab.b.y = copied;
        }
        hdr.report.vlan_valid = (hdr.vlans[0].isValid() ? 8w1 : 8w0) | (hdr.vlans[1].isValid() ? 8w2 : 8w0)
                | (hdr.vlans[2].isValid() ? 8w4 : 8w0);
        hdr.report.ab_valid = (hdr.ab.a.isValid() ? 8w1 : 8w0) | (hdr.ab.b.isValid() ? 8w2 : 8w0)
                | (hdr.ab.isValid() ? 8w4 : 8w0);
    }
}

control StacksEgress(inout headers_t hdr, inout metadata_t meta,
                     inout standard_metadata_t standard_metadata) {
    apply { }
}

control StacksComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control StacksDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.report);
        packet.emit(hdr.ethernet);
        packet.emit(hdr.vlans);
        packet.emit(hdr.ab);
    }
}

V1Switch(StacksParser(), StacksVerifyChecksum(), StacksIngress(), StacksEgress(),
         StacksComputeChecksum(), StacksDeparser()) main;
