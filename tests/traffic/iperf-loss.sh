#!/usr/bin/env bash
# iperf3 TCP at 2 Mbit/s for 15 s with induced loss: nftables on the receiver drops 3 % of the
# sender's segments at random (after tcpdump has seen them, so every drop shows as a retransmission).
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/iperf-loss.pcap"

netns_switch
netns_host receiver 10.77.41.1/16
netns_host sender 10.77.41.2/16
netns_exec receiver nft -f - <<'NFT'
table inet is_loss {
  chain in { type filter hook input priority 0; ip saddr 10.77.41.2 tcp dport 5201 numgen random mod 100 < 3 drop; }
}
NFT
netns_bg receiver iperf3-server iperf3 -s -1 -B 10.77.41.1
wait_port receiver tcp 5201

capture_start receiver eth0 "$OUT" 96
netns_exec sender timeout 60 iperf3 -c 10.77.41.1 -t 15 -b 2M >/dev/null
capture_stop
