#!/usr/bin/env bash
# A trace without a single IP packet: a host pings an address nobody owns, so only its ARP requests
# reach the wire (IPv6 is off). Every application must report nothing on it.
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/arp-only.pcap"

netns_switch
netns_host quiet 10.77.91.1/16
netns_host asker 10.77.91.2/16

capture_start quiet eth0 "$OUT" 128
netns_exec asker ping -q -c 4 -i 1 -W 1 10.77.91.99 >/dev/null || true
capture_stop
