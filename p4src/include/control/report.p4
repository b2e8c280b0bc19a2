// SPDX-License-Identifier: GPL-3.0-or-later

#ifndef __REPORT__
#define __REPORT__

#include "../header.p4"
#include "../size.p4"

// *** REPORTS TO THE CONTROLLER
// v1model keeps only the last clone of a packet, so one clone carries every slot that fired (and any
// copy the ACL asked for). The clone goes to the CPU port through REPORT_CLONE_SESSION_ID.
control ReportIngress(inout local_metadata_t lm, in standard_metadata_t sm) {
    apply {
        if (lm.fired != 0 || lm.copy_to_cpu == 1) {
            lm.report_fired = lm.fired;
            lm.report_ingress_port = sm.ingress_port;
            lm.report_timestamp = lm.now;
            lm.report_copy = lm.copy_to_cpu;
            clone_preserving_field_list(CloneType.I2E, REPORT_CLONE_SESSION_ID, FL_REPORT);
        }
    }
}

// In egress a clone becomes a packet-in: a report frame (its own EtherType, the report header, then the
// original packet truncated to its headers) when slots fired, else the plain copied packet. A meter
// limits the report rate; a report over the rate is dropped and counted (unless the ACL also wanted the
// packet, which then goes up as a plain copy).
control ReportEgress(inout headers_t hdr,
                     inout local_metadata_t lm,
                     inout standard_metadata_t sm) {
    meter(1, MeterType.packets) report_meter;
    // Index 0: reports sent; index 1: reports suppressed by the meter.
    counter(2, CounterType.packets) report_counter;

    apply {
        if (sm.instance_type == PKT_INSTANCE_TYPE_INGRESS_CLONE) {
            bool as_report = lm.report_fired != 0;
            if (as_report) {
                bit<2> color;
                report_meter.execute_meter(0, color);
                if (color == METER_RED) {
                    report_counter.count(1);
                    as_report = false;
                    if (lm.report_copy == 0) {
                        mark_to_drop(sm);
                    }
                }
            }
            if (as_report) {
                report_counter.count(0);
                hdr.report_ethernet.setValid();
                hdr.report_ethernet.dst_addr = 0;
                hdr.report_ethernet.src_addr = 0;
                hdr.report_ethernet.ether_type = ETHERTYPE_INTSTREAM_REPORT;
                hdr.report.setValid();
                hdr.report.version = REPORT_VERSION;
                hdr.report.fired = lm.report_fired;
                hdr.report.ingress_port = (bit<16>) lm.report_ingress_port;
                hdr.report.timestamp = lm.report_timestamp;
                truncate(REPORT_TRUNCATE_BYTES);
            }
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = lm.report_ingress_port;
        } else if (sm.egress_port == CPU_PORT) {
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = sm.ingress_port;
        }
    }
}

#endif // __REPORT__
