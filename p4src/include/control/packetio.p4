// SPDX-License-Identifier: GPL-3.0-or-later

#ifndef __PACKETIO__
#define __PACKETIO__

#include "../header.p4"

// *** PACKET-OUT
// A packet from the controller either names its egress port and bypasses the tables (ONOS's LLDP and
// ARP replies), or goes through the tables as if it had arrived on a data port.
control PacketIoIngress(inout headers_t hdr,
                        inout local_metadata_t lm,
                        inout standard_metadata_t sm) {
    apply {
        if (hdr.packet_out.isValid()) {
            if (hdr.packet_out.through_tables == 1) {
                sm.ingress_port = hdr.packet_out.ingress_port;
            } else {
                sm.egress_spec = hdr.packet_out.egress_port;
                lm.skip_forwarding = 1;
            }
            hdr.packet_out.setInvalid();
        }
    }
}

#endif // __PACKETIO__
