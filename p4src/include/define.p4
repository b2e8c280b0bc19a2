// SPDX-License-Identifier: GPL-3.0-or-later
// Constants shared by every control of intstream.p4 and mirrored by the controller's Java constants.

#ifndef __DEFINE__
#define __DEFINE__

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_VLAN 0x8100
// IEEE 802 local experimental EtherType 1: telemetry reports travel to the controller in their own frame
// type, so ONOS (and any capture tool) can tell a report from a punted data packet.
#define ETHERTYPE_INTSTREAM_REPORT 0x88B5

#define IP_PROTO_ICMP 1
#define IP_PROTO_TCP 6
#define IP_PROTO_UDP 17

#define CPU_PORT 255
#define DROP_PORT 511

// The clone session the controller points at the CPU port (a CLONE group under ONOS).
#define REPORT_CLONE_SESSION_ID 99
#define REPORT_VERSION 1

// v1model's instance_type of a packet cloned from ingress to egress.
#define PKT_INSTANCE_TYPE_INGRESS_CLONE 1

// Metadata kept across the ingress-to-egress clone of a report.
#define FL_REPORT 1

// The epoch of a slot is floor(now / window), computed as (now * reciprocal) >> EPOCH_FRACTION_BITS with
// reciprocal = ceil(2^80 / window): exact for clocks below 2^52 us and windows from 1 ms to 2^28 us
// (the controller checks the window), with no division in the data plane.
#define EPOCH_FRACTION_BITS 80

// Meter colours as BMv2 reports them.
#define METER_RED 2

typedef bit<9> port_num_t;
typedef bit<48> mac_addr_t;
typedef bit<32> ipv4_addr_t;

#endif // __DEFINE__
