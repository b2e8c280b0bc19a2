// SPDX-License-Identifier: GPL-3.0-or-later

#ifndef __ACL__
#define __ACL__

#include "../header.p4"
#include "../size.p4"

// *** ACL
// Applied after forwarding: ONOS's apps punt or copy ARP, LLDP and other control traffic to the
// controller here, and operators drop what they must.
control Acl(inout headers_t hdr,
            inout local_metadata_t lm,
            inout standard_metadata_t sm) {
    direct_counter(CounterType.packets_and_bytes) acl_counter;

    action send_to_cpu_acl() {
        sm.egress_spec = CPU_PORT;
        // A punted frame goes to the controller only, even if forwarding chose to flood it.
        sm.mcast_grp = 0;
        acl_counter.count();
    }

    action clone_to_cpu_acl() {
        lm.copy_to_cpu = 1;
        acl_counter.count();
    }

    action drop_acl() {
        mark_to_drop(sm);
        acl_counter.count();
    }

    action nop_acl() {
        acl_counter.count();
    }

    /* ACL Table. */
    table acl {
        key = {
            sm.ingress_port: ternary @name("ingress_port");
            hdr.ethernet.dst_addr: ternary @name("eth_dst");
            hdr.ethernet.src_addr: ternary @name("eth_src");
            hdr.ethernet.ether_type: ternary @name("eth_type");
            hdr.ipv4.protocol: ternary @name("ip_proto");
            lm.l4_sport: ternary @name("l4_sport");
            lm.l4_dport: ternary @name("l4_dport");
        }
        actions = {
            send_to_cpu_acl;
            clone_to_cpu_acl;
            drop_acl;
            nop_acl;
        }
        const default_action = nop_acl();
        counters = acl_counter;
        size = ACL_TABLE_SIZE;
    }

    apply {
        acl.apply();
    }
}

#endif // __ACL__
