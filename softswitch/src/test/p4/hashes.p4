// Soft switch test program: every v1model hash algorithm BMv2 computes deterministically, over inputs
// whose widths do not add up to whole bytes (so the zero padding at the end matters), with bases and
// maxima that are not powers of two. The results go into the packet. Compiled into ../resources/p4/.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header inputs_t {
    bit<13> a;
    bit<3> b;
    bit<32> c;
    bit<48> d;
    bit<4> e;
    bit<4> f;
}

header outputs_t {
    bit<32> crc32;
    bit<32> crc32_custom;
    bit<16> crc16;
    bit<16> crc16_custom;
    bit<16> csum16;
    bit<16> xor16;
    bit<64> identity;
    bit<32> crc32_odd;
    bit<16> crc16_odd;
    bit<16> xor16_odd;
    bit<16> csum16_odd;
    bit<32> bounded;
}

struct headers_t {
    ethernet_t ethernet;
    inputs_t inputs;
    outputs_t outputs;
}

struct metadata_t { }

parser HashParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                  inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        packet.extract(hdr.inputs);
        packet.extract(hdr.outputs);
        transition accept;
    }
}

control HashVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control HashIngress(inout headers_t hdr, inout metadata_t meta,
                    inout standard_metadata_t standard_metadata) {
    apply {
        standard_metadata.egress_spec = 2;
        hash(hdr.outputs.crc32, HashAlgorithm.crc32, 32w0, { hdr.inputs.a, hdr.inputs.b, hdr.inputs.c, hdr.inputs.d }, 64w4294967296);
        hash(hdr.outputs.crc32_custom, HashAlgorithm.crc32_custom, 32w0, { hdr.inputs.a, hdr.inputs.b, hdr.inputs.c, hdr.inputs.d }, 64w4294967296);
        hash(hdr.outputs.crc16, HashAlgorithm.crc16, 16w0, { hdr.inputs.c, hdr.inputs.d }, 32w65536);
        hash(hdr.outputs.crc16_custom, HashAlgorithm.crc16_custom, 16w0, { hdr.inputs.c, hdr.inputs.d }, 32w65536);
        hash(hdr.outputs.csum16, HashAlgorithm.csum16, 16w0, { hdr.inputs.c, hdr.inputs.d }, 32w65536);
        hash(hdr.outputs.xor16, HashAlgorithm.xor16, 16w0, { hdr.inputs.c, hdr.inputs.d }, 32w65536);
        hash(hdr.outputs.identity, HashAlgorithm.identity, 64w0, { hdr.inputs.d, hdr.inputs.e }, 128w18446744073709551616);
        // 13 + 3 + 4 + 4 + 3 bits: a 27-bit input padded to 4 bytes.
        hash(hdr.outputs.crc32_odd, HashAlgorithm.crc32, 32w0, { hdr.inputs.a, hdr.inputs.e, hdr.inputs.f, hdr.inputs.b, hdr.inputs.e }, 64w4294967296);
        hash(hdr.outputs.crc16_odd, HashAlgorithm.crc16, 16w0, { hdr.inputs.b, hdr.inputs.c }, 32w65536);
        hash(hdr.outputs.xor16_odd, HashAlgorithm.xor16, 16w0, { hdr.inputs.e, hdr.inputs.d, hdr.inputs.b }, 32w65536);
        hash(hdr.outputs.csum16_odd, HashAlgorithm.csum16, 16w0, { hdr.inputs.a, hdr.inputs.d }, 32w65536);
        hash(hdr.outputs.bounded, HashAlgorithm.crc32, 32w7, { hdr.inputs.c }, 32w1000003);
    }
}

control HashEgress(inout headers_t hdr, inout metadata_t meta,
                   inout standard_metadata_t standard_metadata) {
    apply { }
}

control HashComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control HashDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.inputs);
        packet.emit(hdr.outputs);
    }
}

V1Switch(HashParser(), HashVerifyChecksum(), HashIngress(), HashEgress(),
         HashComputeChecksum(), HashDeparser()) main;
