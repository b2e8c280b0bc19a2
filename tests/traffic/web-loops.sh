#!/usr/bin/env bash
# Benign web traffic: one client fetches index.html with curl in a loop, another fetches big.bin
# (64 KiB) with wget in a loop, about 20 s; every connection closes properly.
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/web-loops.pcap"

netns_switch
netns_host server 10.77.32.1/16
netns_host curl 10.77.32.2/16
netns_host wget 10.77.32.3/16
web_server server 0.0.0.0

capture_start server eth0 "$OUT" 128
netns_exec curl timeout 40 bash -c \
  'for i in $(seq 30); do curl -s -o /dev/null --max-time 5 http://10.77.32.1/index.html; sleep 0.6; done' &
curl_pid=$!
netns_exec wget timeout 40 bash -c \
  'for i in $(seq 20); do wget -q -O /dev/null -T 5 -t 1 http://10.77.32.1/big.bin; sleep 1; done'
wait "$curl_pid"
capture_stop
