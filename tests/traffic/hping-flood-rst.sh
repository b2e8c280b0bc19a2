#!/usr/bin/env bash
# hping3 SYN flood, one source, 1500 SYNs at 250/s to a web server. The attacker's kernel answers
# every SYN-ACK with a RST (it never opened those connections).
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/hping-flood-rst.pcap"

netns_switch
netns_host target 10.77.21.1/16
netns_host attacker 10.77.21.2/16
web_server target 0.0.0.0

capture_start target eth0 "$OUT" 128
wait_window_offset 5 1
netns_exec attacker timeout 30 hping3 -q -S -p 80 -i u4000 -c 1500 10.77.21.1 || true
capture_stop
