#!/usr/bin/env bash
# nmap SYN scan (-sS), fast: 1000 ports of one host in about a second. Target runs a web server,
# so one port answers SYN-ACK (the scanner's kernel then resets it) and the rest answer RST.
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/nmap-syn-fast.pcap"

netns_switch
netns_host target 10.77.11.1/16
netns_host scanner 10.77.11.2/16
web_server target 0.0.0.0

capture_start target eth0 "$OUT" 128
wait_window_offset 10 2
netns_exec scanner timeout 60 nmap -n -Pn -sS -T4 --max-retries 0 -p 1-1000 10.77.11.1
capture_stop
