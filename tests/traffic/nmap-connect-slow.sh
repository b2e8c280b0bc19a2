#!/usr/bin/env bash
# nmap connect scan (-sT), slow: 800 ports, one probe every 40 ms, so the scan spans about 32 s
# (several 10 s windows, each with a few hundred distinct ports).
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/nmap-connect-slow.pcap"

netns_switch
netns_host target 10.77.12.1/16
netns_host scanner 10.77.12.2/16
web_server target 0.0.0.0

capture_start target eth0 "$OUT" 128
netns_exec scanner timeout 120 nmap -n -Pn -sT --scan-delay 40ms --max-retries 0 -p 1-800 10.77.12.1
capture_stop
