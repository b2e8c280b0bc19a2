// Soft switch test program: egress-to-egress clones with a preserved field list and a two-replica
// session, multicast with replica ids, drops and exit in egress, and a marker the clones write so they
// can be told apart on the wire. Compiled into ../resources/p4/.
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> ether_type;
}

// What each copy records about itself: written in egress, so every copy shows its own view.
header marker_t {
    bit<8> instance_type;
    bit<8> preserved;
    bit<8> not_preserved;
    bit<16> egress_rid;
    bit<16> egress_port;
    bit<32> packet_length;
}

struct headers_t {
    ethernet_t ethernet;
    marker_t marker;
}

struct metadata_t {
    @field_list(1)
    bit<8> preserved;
    bit<8> not_preserved;
}

parser MirrorParser(packet_in packet, out headers_t hdr, inout metadata_t meta,
                    inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            0x88b6: parse_marker;
            default: accept;
        }
    }
    state parse_marker {
        packet.extract(hdr.marker);
        transition accept;
    }
}

control MirrorVerifyChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MirrorIngress(inout headers_t hdr, inout metadata_t meta,
                      inout standard_metadata_t standard_metadata) {
    apply {
        meta.preserved = 0xAA;
        meta.not_preserved = 0xBB;
        // The low byte of the destination picks the treatment.
        if (hdr.ethernet.dst[7:0] == 1) {
            standard_metadata.mcast_grp = 1;
        } else {
            standard_metadata.egress_spec = (bit<9>) hdr.ethernet.dst[15:8];
        }
    }
}

control MirrorEgress(inout headers_t hdr, inout metadata_t meta,
                     inout standard_metadata_t standard_metadata) {
    apply {
        if (!hdr.marker.isValid()) {
            hdr.marker.setValid();
            hdr.ethernet.ether_type = 0x88b6;
        }
        hdr.marker.instance_type = (bit<8>) standard_metadata.instance_type;
        hdr.marker.preserved = meta.preserved;
        hdr.marker.not_preserved = meta.not_preserved;
        hdr.marker.egress_rid = standard_metadata.egress_rid;
        hdr.marker.egress_port = (bit<16>) standard_metadata.egress_port;
        hdr.marker.packet_length = standard_metadata.packet_length;
        if (standard_metadata.instance_type == 0 && hdr.ethernet.dst[7:0] == 2) {
            // Mirror every normal copy of these packets to session 5.
            clone_preserving_field_list(CloneType.E2E, 5, 1);
        }
        if (standard_metadata.instance_type == 2) {
            truncate(40);
            exit;
        }
        if (hdr.ethernet.dst[7:0] == 3 && standard_metadata.egress_port == 3) {
            mark_to_drop(standard_metadata);
        }
    }
}

control MirrorComputeChecksum(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control MirrorDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.marker);
    }
}

V1Switch(MirrorParser(), MirrorVerifyChecksum(), MirrorIngress(), MirrorEgress(),
         MirrorComputeChecksum(), MirrorDeparser()) main;
