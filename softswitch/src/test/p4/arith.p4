// Soft switch test program: BMv2's hash algorithms, bit<64>/bit<128> arithmetic, registers, an
// indirect packets-and-bytes counter and a packets meter. Every result is written into a "results"
// header after Ethernet so real BMv2 and the soft switch can be compared byte for byte.
// Compiled into ../resources/p4/.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

// The input values the packet brings, and the results the switch writes back.
header results_t {
    bit<32> a;
    bit<32> b;
    bit<64> wide;
    bit<32> crc32;
    bit<16> crc16;
    bit<16> crc16_bounded;
    bit<32> csum;
    bit<32> identity;
    bit<64> product64;
    bit<128> product128;
    bit<64> shifted128;
    bit<64> masked;
    bit<32> sat_sum;
    bit<8> signed_cmp;
    bit<8> meter_color;
    bit<32> reg_before;
    bit<64> reg64_before;
    bit<64> ts;
    bit<32> a_minus_b;
    bit<16> neg_slice;
}

struct headers_t {
    ethernet_t ethernet;
    results_t results;
}

struct metadata_t {
    bit<32> index;
}

parser ArithParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                   inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            0x88b5: parse_results;
            default: accept;
        }
    }
    state parse_results {
        packet.extract(hdr.results);
        transition accept;
    }
}

control ArithVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control ArithIngress(inout headers_t hdr, inout metadata_t meta,
                     inout standard_metadata_t standard_metadata) {
    register<bit<32>>(16) last_a;
    register<bit<64>>(16) wide_sum;
    counter(16, CounterType.packets_and_bytes) per_index;
    meter(4, MeterType.packets) limiter;

    action forward(bit<9> port) {
        standard_metadata.egress_spec = port;
    }
    table egress_port {
        key = { standard_metadata.ingress_port : exact; }
        actions = { forward; NoAction; }
        default_action = forward(1);
    }

    apply {
        egress_port.apply();
        if (!hdr.results.isValid()) {
            return;
        }
        meta.index = hdr.results.a & 15;

        hash(hdr.results.crc32, HashAlgorithm.crc32, 32w0,
             { hdr.results.a, hdr.results.b, hdr.ethernet.src }, 64w4294967296);
        hash(hdr.results.crc16, HashAlgorithm.crc16, 16w0,
             { hdr.results.b, hdr.results.wide }, 32w65536);
        // BMv2 computes base + (hash mod max).
        hash(hdr.results.crc16_bounded, HashAlgorithm.crc16, 16w100,
             { hdr.results.a, 4w0x3, hdr.results.b }, 32w1000);
        hash(hdr.results.csum, HashAlgorithm.csum16, 32w0, { hdr.results.a, hdr.results.b }, 32w65536);
        hash(hdr.results.identity, HashAlgorithm.identity, 32w0, { hdr.results.a }, 64w4294967296);

        hdr.results.product64 = hdr.results.wide * (bit<64>) hdr.results.b;
        bit<128> big = ((bit<128>) hdr.results.wide) * ((bit<128>) hdr.results.wide);
        hdr.results.product128 = big + ((bit<128>) hdr.results.a << 100);
        hdr.results.shifted128 = (bit<64>) (big >> 61);
        hdr.results.masked = (hdr.results.wide & 64w0x00ff00ff00ff00ff) | ((bit<64>) hdr.results.a << 40);
        hdr.results.sat_sum = hdr.results.a |+| hdr.results.b;
        int<32> sa = (int<32>) hdr.results.a;
        int<32> sb = (int<32>) hdr.results.b;
        hdr.results.signed_cmp = sa < sb ? 8w1 : 8w0;
        hdr.results.a_minus_b = hdr.results.a - hdr.results.b;
        hdr.results.neg_slice = (~hdr.results.a)[23:8];

        last_a.read(hdr.results.reg_before, meta.index);
        last_a.write(meta.index, hdr.results.a);
        bit<64> sum;
        wide_sum.read(sum, meta.index);
        hdr.results.reg64_before = sum;
        wide_sum.write(meta.index, sum + hdr.results.wide);

        per_index.count(meta.index);
        limiter.execute_meter(meta.index & 3, hdr.results.meter_color);
        hdr.results.ts = (bit<64>) standard_metadata.ingress_global_timestamp;
    }
}

control ArithEgress(inout headers_t hdr, inout metadata_t meta,
                    inout standard_metadata_t standard_metadata) {
    apply { }
}

control ArithComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control ArithDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.results);
    }
}

V1Switch(ArithParser(), ArithVerifyChecksum(), ArithIngress(), ArithEgress(),
         ArithComputeChecksum(), ArithDeparser()) main;
