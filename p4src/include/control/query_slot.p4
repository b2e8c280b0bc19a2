// SPDX-License-Identifier: GPL-3.0-or-later

#ifndef __QUERY_SLOT__
#define __QUERY_SLOT__

#include "../header.p4"
#include "../size.p4"

// *** QUERY SLOT
// One slot runs the switch stage of one query: filter -> (distinct) -> count -> threshold, configured
// entirely by the entries of its filter table, so a query is installed and removed by P4Runtime writes
// without reloading the program.
//
// Keys are the 5-tuple (src, dst, proto, sport, dport) with each field ANDed by a mask the filter entry
// gives, so one layout serves "per source", "per destination /24", "per connection"... and the Java twin
// hashes the very same 13 bytes. Hash rows are really different functions, not salted copies (CRC is
// affine): row 0 = crc32 of the fields in order, row 1 = crc16 of them, row 2 = crc32 of the fields in
// reverse order, upper 16 bits. A row index is the low bits of its hash (widths are powers of two).
//
// State the controller reads lives in an indirect counter, indexed by the epoch's parity, the row and
// the cell, read cumulatively and never reset: per-epoch values are differences of cumulative reads of the
// same half once the epoch has moved on. State the data plane reads (the count-min copy behind the
// threshold, the distinct Bloom filter, the "already reported" cache) lives in registers whose cells
// carry the tag of the epoch that wrote them, so they reset lazily.
control QuerySlot(in headers_t hdr,
                  inout local_metadata_t lm,
                  in standard_metadata_t sm,
                  out bit<1> fired) {
    direct_counter(CounterType.packets_and_bytes) filter_counter;
    counter(SLOT_COUNTER_CELLS, CounterType.packets_and_bytes) sketch_counter;
    // Cells hold the epoch tag in the upper 32 bits and the count in the lower 32.
    register<bit<64>>(SKETCH_WIDTH) threshold_row0;
    register<bit<64>>(SKETCH_WIDTH) threshold_row1;
    register<bit<64>>(SKETCH_WIDTH) threshold_row2;
    // Cells hold the tag of the epoch that last set them.
    register<bit<32>>(DISTINCT_CELLS) distinct_cells;
    // Cells hold the epoch tag and the crc32 of the key last reported through them.
    register<bit<64>>(REPORTED_CELLS) reported_cells;

    ipv4_addr_t key_src_mask = 0;
    ipv4_addr_t key_dst_mask = 0;
    bit<8> key_proto_mask = 0;
    bit<16> key_sport_mask = 0;
    bit<16> key_dport_mask = 0;
    ipv4_addr_t distinct_src_mask = 0;
    ipv4_addr_t distinct_dst_mask = 0;
    bit<8> distinct_proto_mask = 0;
    bit<16> distinct_sport_mask = 0;
    bit<16> distinct_dport_mask = 0;
    bit<1> is_distinct = 0;
    bit<1> is_byte_sum = 0;
    bit<32> threshold = 0;
    bit<128> epoch_reciprocal = 0;
    bit<32> width_mask = 0;

    // distinct: count each distinct (key, distinct-masked tuple) once per epoch;
    // byte_sum: add the packet's length instead of one;
    // epoch_reciprocal: ceil(2^EPOCH_FRACTION_BITS / window in microseconds);
    // width_mask: the row width minus one.
    action configure(ipv4_addr_t key_src, ipv4_addr_t key_dst, bit<8> key_proto,
                     bit<16> key_sport, bit<16> key_dport,
                     ipv4_addr_t distinct_src, ipv4_addr_t distinct_dst, bit<8> distinct_proto,
                     bit<16> distinct_sport, bit<16> distinct_dport,
                     bit<1> distinct, bit<1> byte_sum, bit<32> report_threshold,
                     bit<128> reciprocal, bit<32> row_width_mask) {
        key_src_mask = key_src;
        key_dst_mask = key_dst;
        key_proto_mask = key_proto;
        key_sport_mask = key_sport;
        key_dport_mask = key_dport;
        distinct_src_mask = distinct_src;
        distinct_dst_mask = distinct_dst;
        distinct_proto_mask = distinct_proto;
        distinct_sport_mask = distinct_sport;
        distinct_dport_mask = distinct_dport;
        is_distinct = distinct;
        is_byte_sum = byte_sum;
        threshold = report_threshold;
        epoch_reciprocal = reciprocal;
        width_mask = row_width_mask;
        filter_counter.count();
    }

    /* Slot Filter Table: a query's filter as ternary entries; a hit selects the query's key and stage. */
    table filter {
        key = {
            lm.is_edge: ternary @name("is_edge");
            hdr.ipv4.src_addr: ternary @name("ipv4_src");
            hdr.ipv4.dst_addr: ternary @name("ipv4_dst");
            hdr.ipv4.protocol: ternary @name("ip_proto");
            lm.l4_sport: ternary @name("l4_sport");
            lm.l4_dport: ternary @name("l4_dport");
            lm.tcp_flags: ternary @name("tcp_flags");
        }
        actions = {
            configure;
            @defaultonly NoAction;
        }
        const default_action = NoAction;
        counters = filter_counter;
        size = SLOT_FILTER_TABLE_SIZE;
    }

    apply {
        fired = 0;
        if (filter.apply().hit) {
            bit<128> scaled = ((bit<128>) lm.now) * epoch_reciprocal;
            bit<32> epoch = (bit<32>) (scaled >> EPOCH_FRACTION_BITS);
            // The top bit is always set so the registers' initial zero never reads as a live epoch.
            bit<32> tag = epoch | 32w0x80000000;
            bit<32> half_base = ((bit<32>) epoch[0:0]) * (SKETCH_ROWS * SKETCH_WIDTH);

            bool counted = true;
            if (is_distinct == 1) {
                ipv4_addr_t d_src = hdr.ipv4.src_addr & distinct_src_mask;
                ipv4_addr_t d_dst = hdr.ipv4.dst_addr & distinct_dst_mask;
                bit<8> d_proto = hdr.ipv4.protocol & distinct_proto_mask;
                bit<16> d_sport = lm.l4_sport & distinct_sport_mask;
                bit<16> d_dport = lm.l4_dport & distinct_dport_mask;
                bit<32> d_crc32;
                bit<16> d_crc16;
                bit<32> d_crc32_reversed;
                hash(d_crc32, HashAlgorithm.crc32, 32w0, { d_src, d_dst, d_proto, d_sport, d_dport }, 64w0x100000000);
                hash(d_crc16, HashAlgorithm.crc16, 16w0, { d_src, d_dst, d_proto, d_sport, d_dport }, 32w0x10000);
                hash(d_crc32_reversed, HashAlgorithm.crc32, 32w0, { d_dport, d_sport, d_proto, d_dst, d_src }, 64w0x100000000);
                bit<32> j0 = d_crc32 & (DISTINCT_CELLS - 1);
                bit<32> j1 = ((bit<32>) d_crc16) & (DISTINCT_CELLS - 1);
                bit<32> j2 = (d_crc32_reversed >> 16) & (DISTINCT_CELLS - 1);
                bit<32> seen0;
                bit<32> seen1;
                bit<32> seen2;
                distinct_cells.read(seen0, j0);
                distinct_cells.read(seen1, j1);
                distinct_cells.read(seen2, j2);
                if (seen0 == tag && seen1 == tag && seen2 == tag) {
                    counted = false;
                } else {
                    distinct_cells.write(j0, tag);
                    distinct_cells.write(j1, tag);
                    distinct_cells.write(j2, tag);
                }
            }

            if (counted) {
                ipv4_addr_t k_src = hdr.ipv4.src_addr & key_src_mask;
                ipv4_addr_t k_dst = hdr.ipv4.dst_addr & key_dst_mask;
                bit<8> k_proto = hdr.ipv4.protocol & key_proto_mask;
                bit<16> k_sport = lm.l4_sport & key_sport_mask;
                bit<16> k_dport = lm.l4_dport & key_dport_mask;
                bit<32> k_crc32;
                bit<16> k_crc16;
                bit<32> k_crc32_reversed;
                hash(k_crc32, HashAlgorithm.crc32, 32w0, { k_src, k_dst, k_proto, k_sport, k_dport }, 64w0x100000000);
                hash(k_crc16, HashAlgorithm.crc16, 16w0, { k_src, k_dst, k_proto, k_sport, k_dport }, 32w0x10000);
                hash(k_crc32_reversed, HashAlgorithm.crc32, 32w0, { k_dport, k_sport, k_proto, k_dst, k_src }, 64w0x100000000);
                bit<32> i0 = k_crc32 & width_mask;
                bit<32> i1 = ((bit<32>) k_crc16) & width_mask;
                bit<32> i2 = (k_crc32_reversed >> 16) & width_mask;

                sketch_counter.count(half_base + i0);
                sketch_counter.count(half_base + SKETCH_WIDTH + i1);
                sketch_counter.count(half_base + 2 * SKETCH_WIDTH + i2);

                bit<32> increment = 1;
                if (is_byte_sum == 1) {
                    increment = sm.packet_length;
                }
                bit<64> cell0;
                bit<64> cell1;
                bit<64> cell2;
                threshold_row0.read(cell0, i0);
                threshold_row1.read(cell1, i1);
                threshold_row2.read(cell2, i2);
                bit<32> v0 = increment;
                bit<32> v1 = increment;
                bit<32> v2 = increment;
                if (cell0[63:32] == tag) {
                    v0 = cell0[31:0] + increment;
                }
                if (cell1[63:32] == tag) {
                    v1 = cell1[31:0] + increment;
                }
                if (cell2[63:32] == tag) {
                    v2 = cell2[31:0] + increment;
                }
                threshold_row0.write(i0, tag ++ v0);
                threshold_row1.write(i1, tag ++ v1);
                threshold_row2.write(i2, tag ++ v2);

                bit<32> estimate = v0;
                if (v1 < estimate) {
                    estimate = v1;
                }
                if (v2 < estimate) {
                    estimate = v2;
                }
                if (estimate > threshold) {
                    // Report a key once per epoch: a direct-mapped cache of (epoch tag, key fingerprint).
                    // It fails open: when two keys share a cell they evict each other and re-report, and
                    // the controller drops the duplicates; no key over the threshold goes unreported.
                    bit<32> r = ((bit<32>) k_crc16) & (REPORTED_CELLS - 1);
                    bit<64> mark;
                    reported_cells.read(mark, r);
                    if (mark != tag ++ k_crc32) {
                        reported_cells.write(r, tag ++ k_crc32);
                        fired = 1;
                    }
                }
            }
        }
    }
}

#endif // __QUERY_SLOT__
