#!/usr/bin/env bash
# Periodic low-rate pairs over 72 s, captured at two observation points:
#  - keepalive.pcap, on the server: a client keeps one TCP connection open and writes a short
#    message every 2 s (about 30 packets per minute each way), plus a second client sending one
#    UDP datagram every 8 s;
#  - keepalive-sparse.pcap, on the second client alone: only the 8 s UDP pair (at most 8 packets
#    per minute), the negative counterpart.
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/keepalive.pcap"
OUT_SPARSE="$TRACE_DIR/keepalive-sparse.pcap"

netns_switch
netns_host server 10.77.71.1/16
netns_host steady 10.77.71.2/16
netns_host sparse 10.77.71.3/16
netns_bg server nc-tcp nc -l 7000
netns_bg server nc-udp nc -lku 7001
wait_port server tcp 7000
wait_port server udp 7001

capture_start server eth0 "$OUT" 128
capture_start sparse eth0 "$OUT_SPARSE" 128
netns_exec steady timeout 90 bash -c \
  'for i in $(seq 36); do echo "keepalive $i"; sleep 2; done | nc -N 10.77.71.1 7000' &
steady_pid=$!
netns_exec sparse timeout 90 bash -c \
  'for i in $(seq 9); do echo "heartbeat $i" | nc -u -w1 10.77.71.1 7001; sleep 7; done'
wait "$steady_pid"
capture_stop
