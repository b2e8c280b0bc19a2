// Soft switch test program: packets that go round again. A first pass resubmits (the packet as it
// arrived, back into ingress) with a preserved field; the egress of a later pass recirculates (the
// deparsed packet, back into ingress) with another. Each pass appends what it saw to a trace header, so
// the final packet shows every pass: instance type, ingress port, preserved and reset metadata.
// Compiled into ../resources/p4/.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

// One record per pass, pushed in front of the earlier ones.
header pass_t {
    bit<8> instance_type;
    bit<8> ingress_port;
    bit<8> resubmitted;
    bit<8> recirculated;
    bit<8> scratch;
    bit<16> packet_length;
    bit<8> rounds;
}

struct headers_t {
    ethernet_t ethernet;
    pass_t pass;
}

struct metadata_t {
    @field_list(1)
    bit<8> resubmitted;
    @field_list(2)
    bit<8> recirculated;
    bit<8> scratch;
}

parser LoopsParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                   inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            0x88ba: parse_pass;
            default: accept;
        }
    }
    state parse_pass {
        packet.extract(hdr.pass);
        transition accept;
    }
}

control LoopsVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control LoopsIngress(inout headers_t hdr, inout metadata_t meta,
                     inout standard_metadata_t standard_metadata) {
    apply {
        meta.scratch = 0x5c;
        if (standard_metadata.instance_type == 0 && hdr.ethernet.dst[7:0] == 1) {
            meta.resubmitted = 0x11;
            resubmit_preserving_field_list(1);
        }
        standard_metadata.egress_spec = 2;
        if (!hdr.pass.isValid()) {
            hdr.pass.setValid();
            hdr.ethernet.ether_type = 0x88ba;
        }
        hdr.pass.rounds = hdr.pass.rounds + 1;
        hdr.pass.instance_type = (bit<8>) standard_metadata.instance_type;
        hdr.pass.ingress_port = (bit<8>) standard_metadata.ingress_port;
        hdr.pass.resubmitted = meta.resubmitted;
        hdr.pass.recirculated = meta.recirculated;
        hdr.pass.packet_length = (bit<16>) standard_metadata.packet_length;
    }
}

control LoopsEgress(inout headers_t hdr, inout metadata_t meta,
                    inout standard_metadata_t standard_metadata) {
    apply {
        hdr.pass.scratch = meta.scratch;
        if (hdr.ethernet.dst[15:8] == 2 && hdr.pass.rounds < 3) {
            meta.recirculated = 0x22;
            recirculate_preserving_field_list(2);
        }
    }
}

control LoopsComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control LoopsDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.pass);
    }
}

V1Switch(LoopsParser(), LoopsVerifyChecksum(), LoopsIngress(), LoopsEgress(),
         LoopsComputeChecksum(), LoopsDeparser()) main;
