// SPDX-License-Identifier: GPL-3.0-or-later
//
// intstream.p4: the switch side of IntStream (v1model, BMv2 simple_switch_grpc).
//
// A fixed, generic pipeline configured by table entries: plain L2/L3 forwarding so traffic flows, edge
// port marking for observation points, NUM_SLOTS query slots (filter -> distinct -> count -> threshold),
// and one report per packet to the controller. Queries are installed and removed by P4Runtime writes
// to the slots' filter tables; the program is never recompiled or reloaded for a query.

#include <core.p4>
#include <v1model.p4>

#include "include/define.p4"
#include "include/size.p4"
#include "include/header.p4"
#include "include/parser.p4"
#include "include/control/packetio.p4"
#include "include/control/forwarding.p4"
#include "include/control/acl.p4"
#include "include/control/clock.p4"
#include "include/control/query_slot.p4"
#include "include/control/report.p4"

control IntStreamIngress(inout headers_t hdr,
                         inout local_metadata_t lm,
                         inout standard_metadata_t sm) {
    PacketIoIngress() packet_io;
    EdgePorts() edge_ports;
    Clock() clock;
    QuerySlot() slot0;
    QuerySlot() slot1;
    QuerySlot() slot2;
    QuerySlot() slot3;
    Forwarding() forwarding;
    Acl() acl;
    ReportIngress() report;

    apply {
        packet_io.apply(hdr, lm, sm);
        if (lm.skip_forwarding == 0) {
            edge_ports.apply(lm, sm);
            clock.apply(lm, sm);
            if (hdr.ipv4.isValid()) {
                bit<1> fired0;
                bit<1> fired1;
                bit<1> fired2;
                bit<1> fired3;
                slot0.apply(hdr, lm, sm, fired0);
                slot1.apply(hdr, lm, sm, fired1);
                slot2.apply(hdr, lm, sm, fired2);
                slot3.apply(hdr, lm, sm, fired3);
                lm.fired = (bit<8>) (fired3 ++ fired2 ++ fired1 ++ fired0);
            }
            forwarding.apply(hdr, lm, sm);
            acl.apply(hdr, lm, sm);
            report.apply(lm, sm);
        }
    }
}

control IntStreamEgress(inout headers_t hdr,
                        inout local_metadata_t lm,
                        inout standard_metadata_t sm) {
    MulticastPruning() multicast_pruning;
    ReportEgress() report;

    apply {
        multicast_pruning.apply(lm, sm);
        report.apply(hdr, lm, sm);
    }
}

V1Switch(IntStreamParser(),
         IntStreamVerifyChecksum(),
         IntStreamIngress(),
         IntStreamEgress(),
         IntStreamComputeChecksum(),
         IntStreamDeparser()) main;
