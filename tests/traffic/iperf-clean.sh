#!/usr/bin/env bash
# iperf3 TCP at 2 Mbit/s for 12 s without loss (the negative counterpart of iperf-loss).
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/iperf-clean.pcap"

netns_switch
netns_host receiver 10.77.42.1/16
netns_host sender 10.77.42.2/16
netns_bg receiver iperf3-server iperf3 -s -1 -B 10.77.42.1
wait_port receiver tcp 5201

capture_start receiver eth0 "$OUT" 96
netns_exec sender timeout 60 iperf3 -c 10.77.42.1 -t 12 -b 2M >/dev/null
capture_stop
