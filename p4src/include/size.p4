// SPDX-License-Identifier: GPL-3.0-or-later
// Table and state sizes. The controller reads them from the P4Info and the slot layout it installs must fit.

#ifndef __SIZE__
#define __SIZE__

// Entries of each slot's filter table (a query's filter may need several ternary entries).
#define SLOT_FILTER_TABLE_SIZE 64
// Count-min rows and the widest row; a slot's width is a power of two up to this.
#define SKETCH_ROWS 3
#define SKETCH_WIDTH 1024
// Cells of the distinct stage's Bloom filter and of the "already reported" filter.
#define DISTINCT_CELLS 4096
#define REPORTED_CELLS 1024
// Controller-read counters: two epoch halves of SKETCH_ROWS rows of SKETCH_WIDTH cells.
#define SLOT_COUNTER_CELLS 6144

#define L2_EXACT_TABLE_SIZE 1024
#define L2_TERNARY_TABLE_SIZE 64
#define MY_STATION_TABLE_SIZE 64
#define ROUTING_V4_TABLE_SIZE 1024
#define ACL_TABLE_SIZE 128
#define EDGE_PORT_TABLE_SIZE 256

// Bytes of a report kept after truncation: the packet-in header, the report frame and enough of the
// original packet for its Ethernet, VLAN, IPv4 and L4 headers.
#define REPORT_TRUNCATE_BYTES 128

#endif // __SIZE__
