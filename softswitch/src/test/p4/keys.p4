// Soft switch test program: the key forms a P4Runtime client meets besides exact/ternary/LPM: an
// optional key (p4c writes it into the BMv2 JSON as ternary), a range key, a key on a bit slice (a
// masked key in the JSON), and priorities across them. The table's verdict goes into the packet.
// Compiled into ../resources/p4/.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header probe_t {
    bit<16> a;
    bit<16> b;
    bit<8> c;
    bit<8> verdict;
}

struct headers_t {
    ethernet_t ethernet;
    probe_t probe;
}

struct metadata_t { }

parser KeysParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        packet.extract(hdr.probe);
        transition accept;
    }
}

control KeysVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control KeysIngress(inout headers_t hdr, inout metadata_t meta,
                    inout standard_metadata_t standard_metadata) {
    action mark(bit<8> verdict) {
        hdr.probe.verdict = verdict;
    }
    table classify {
        key = {
            hdr.probe.a[15:8] : exact @name("a_high");
            hdr.probe.b : range @name("b");
            hdr.probe.c : optional @name("c");
            standard_metadata.ingress_port : optional @name("port");
        }
        actions = { mark; NoAction; }
        default_action = mark(0xee);
        size = 16;
    }
    apply {
        standard_metadata.egress_spec = 2;
        classify.apply();
    }
}

control KeysEgress(inout headers_t hdr, inout metadata_t meta,
                   inout standard_metadata_t standard_metadata) {
    apply { }
}

control KeysComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control KeysDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.probe);
    }
}

V1Switch(KeysParser(), KeysVerifyChecksum(), KeysIngress(), KeysEgress(),
         KeysComputeChecksum(), KeysDeparser()) main;
