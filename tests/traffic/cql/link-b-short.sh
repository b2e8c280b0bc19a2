#!/usr/bin/env bash
# The short CQL scenario: 90 s through the same network as two-links.sh, only link B captured:
#   tests/src/test/resources/cql/traces/short-b.pcap (snap length 96).
# Web traffic and UDP only, every TCP handshake completes (no half-open connection), no pair is
# idle for 2 minutes, and link B carries at most 20 source-destination pairs (top-k's 95th
# percentile needs more than 20 to report anything).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../lib/netns.sh"
source "$HERE/../lib/routed.sh"
source "$HERE/topology.sh"
D=90
OUT_B="${OUT_DIR:-$CQL_TRACE_DIR}/short-b.pcap"

build_topology
iperf3_servers 5301 5302 5303 5304

capture_start core linkb "$OUT_B" 96
# Pairs on link B (both directions of each): c1-s1, o1-s1, c2-s2, o2-s2, c3-s1 (web), o4-s3,
# o5-s3, c1-s3, o1-s3 (iperf3 data and control), plus o2→s3 and c2→s3 (UDP ticks): 20.
http_loop c1 curl-c1-s1 "$D" 4 curl "http://${ADDR[s1]}/index.html"
http_loop o1 curl-o1-s1 "$D" 2 curl "http://${ADDR[s1]}/index.html"
http_loop c2 wget-c2-s2 "$D" 30 wget "http://${ADDR[s2]}/big.bin"
http_loop o2 curl-o2-s2 "$D" 7 curl "http://${ADDR[s2]}/index.html"
http_loop c3 curl-c3-s1 "$D" 10 curl "http://${ADDR[s1]}/index.html"
udp_load o4 5301 $((D - 5)) 44800 1400
udp_load o5 5302 $((D - 5)) 11200 1400
udp_load c1 5303 $((D - 5)) 6400 800
udp_load o1 5304 $((D - 5)) 1600 400
udp_ticks o2 tick-o2 "$D" 20 "${ADDR[s3]}" 7002
udp_ticks c2 tick-c2 "$D" 15 "${ADDR[s3]}" 7003
wait_work
capture_stop
capinfos -c -u "$OUT_B" >&2
