// Soft switch test program: parser features beyond extract and select on a field: a select on a
// lookahead, verify with a program-defined error, advance, a loop through a state, a checksum verified
// after parsing, and what ingress sees of parser errors (parser_error, checksum_error), written into a
// report header emitted in front of the packet. Compiled into ../resources/p4/.
#include <core.p4>
#include <v1model.p4>

error { BadVersion }

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

header ipv4_t {
    bit<4> version;
    bit<4> ihl;
    bit<8> tos;
    bit<16> total_len;
    bit<16> id;
    bit<16> frag;
    bit<8> ttl;
    bit<8> protocol;
    bit<16> checksum;
    bit<32> src;
    bit<32> dst;
}

header tag_t {
    bit<8> kind;
    bit<8> value;
}

header report_t {
    bit<32> parser_error;
    bit<8> checksum_error;
    bit<8> ipv4_valid;
    bit<8> tag_valid;
    bit<8> tag_value;
}

struct headers_t {
    ethernet_t ethernet;
    ipv4_t ipv4;
    tag_t tag;
    report_t report;
}

struct metadata_t { }

parser ParseParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                   inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            0x0800: parse_ipv4;
            0x88b9: parse_tagged;
            default: accept;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        verify(hdr.ipv4.version == 4, error.BadVersion);
        transition accept;
    }
    state parse_tagged {
        // Peek at the first byte: kind 1 is a tag, kind 2 is skipped (2 bytes), anything else ends.
        transition select(packet.lookahead<bit<8>>()) {
            1: parse_tag;
            2: skip_tag;
            default: accept;
        }
    }
    state parse_tag {
        packet.extract(hdr.tag);
        transition accept;
    }
    state skip_tag {
        packet.advance(16);
        transition parse_tagged;
    }
}

control ParseVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply {
        verify_checksum(hdr.ipv4.isValid(),
            { hdr.ipv4.version, hdr.ipv4.ihl, hdr.ipv4.tos, hdr.ipv4.total_len, hdr.ipv4.id, hdr.ipv4.frag,
              hdr.ipv4.ttl, hdr.ipv4.protocol, hdr.ipv4.src, hdr.ipv4.dst },
            hdr.ipv4.checksum, HashAlgorithm.csum16);
    }
}

control ParseIngress(inout headers_t hdr, inout metadata_t meta,
                     inout standard_metadata_t standard_metadata) {
    apply {
        standard_metadata.egress_spec = 2;
        hdr.report.setValid();
        // Errors cannot be cast to bits: name the ones this program can meet.
        if (standard_metadata.parser_error == error.NoError) {
            hdr.report.parser_error = 0;
        } else if (standard_metadata.parser_error == error.PacketTooShort) {
            hdr.report.parser_error = 1;
        } else if (standard_metadata.parser_error == error.BadVersion) {
            hdr.report.parser_error = 2;
        } else {
            hdr.report.parser_error = 0xff;
        }
        hdr.report.checksum_error = (bit<8>) standard_metadata.checksum_error;
        hdr.report.ipv4_valid = hdr.ipv4.isValid() ? 8w1 : 8w0;
        hdr.report.tag_valid = hdr.tag.isValid() ? 8w1 : 8w0;
        // Fields of an invalid header are undefined (BMv2 shows what an earlier packet left there).
        hdr.report.tag_value = hdr.tag.isValid() ? hdr.tag.value : 8w0;
    }
}

control ParseEgress(inout headers_t hdr, inout metadata_t meta,
                    inout standard_metadata_t standard_metadata) {
    apply { }
}

control ParseComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control ParseDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.report);
        packet.emit(hdr.ethernet);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.tag);
    }
}

V1Switch(ParseParser(), ParseVerifyChecksum(), ParseIngress(), ParseEgress(),
         ParseComputeChecksum(), ParseDeparser()) main;
