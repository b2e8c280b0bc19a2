// SPDX-License-Identifier: GPL-3.0-or-later

#ifndef __PACKETIO__
#define __PACKETIO__

#include "../header.p4"

// *** PACKET-OUT
// A packet from the controller names its egress port and bypasses the tables (ONOS's LLDP and ARP
// replies, the controller's probes).
control PacketIoIngress(inout headers_t hdr,
                        inout local_metadata_t lm,
                        inout standard_metadata_t sm) {
    apply {
        if (hdr.packet_out.isValid()) {
            sm.egress_spec = hdr.packet_out.egress_port;
            hdr.packet_out.setInvalid();
            lm.skip_forwarding = 1;
        }
    }
}

#endif // __PACKETIO__
