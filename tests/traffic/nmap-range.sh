#!/usr/bin/env bash
# nmap against an address range: the target namespace owns 250 addresses (10.77.14.1-250); a SYN
# scan of two ports on every address (super spreader: one source, 250 destinations).
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/nmap-range.pcap"

netns_switch
netns_host target 10.77.13.1/16
netns_host scanner 10.77.13.2/16
for i in $(seq 1 250); do netns_exec target ip addr add "10.77.14.$i/16" dev eth0; done
web_server target 0.0.0.0

capture_start target eth0 "$OUT" 128
wait_window_offset 10 2
netns_exec scanner timeout 60 nmap -n -Pn -sS -T4 --max-retries 0 -p 80,443 10.77.14.1-250
capture_stop
