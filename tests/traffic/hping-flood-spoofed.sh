#!/usr/bin/env bash
# Distributed SYN flood: 150 hping3 processes, each spoofing its own source address (random, inside
# 10.77.200.0-10.77.207.255, so no address outside the test range ever appears) and sending 10 SYNs
# at 2/s to a web server. hping3's own --rand-source would draw from the whole IPv4 space, hence
# one spoofed address per process. Nobody owns the spoofed addresses: the server's SYN-ACKs stay
# unsent (its ARP requests go unanswered).
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/hping-flood-spoofed.pcap"

netns_switch
netns_host target 10.77.23.1/16
netns_host attacker 10.77.23.2/16
web_server target 0.0.0.0

capture_start target eth0 "$OUT" 128
wait_window_offset 10 1
pids=()
for n in $(shuf -i 1-2000 -n 150); do
  src="10.77.$((200 + n / 250)).$((1 + n % 250))"
  netns_exec attacker timeout 20 hping3 -q -S -p 80 -a "$src" -i u500000 -c 10 10.77.23.1 >/dev/null 2>&1 &
  pids+=("$!")
  NETNS_BG_PIDS+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid" || true; done
capture_stop
