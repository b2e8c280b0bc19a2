#!/usr/bin/env bash
# hping3 SYN flood as in hping-flood-rst, but nftables on the attacker drops its outgoing RSTs, so
# the server keeps its half-open connections and retransmits SYN-ACKs.
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/hping-flood-norst.pcap"

netns_switch
netns_host target 10.77.22.1/16
netns_host attacker 10.77.22.2/16
web_server target 0.0.0.0
netns_exec attacker nft -f - <<'NFT'
table inet is_norst {
  chain out { type filter hook output priority 0; tcp flags & rst == rst drop; }
}
NFT

capture_start target eth0 "$OUT" 128
wait_window_offset 5 1
netns_exec attacker timeout 30 hping3 -q -S -p 80 -i u4000 -c 1500 10.77.22.1 || true
sleep 3   # some SYN-ACK retransmissions
capture_stop
