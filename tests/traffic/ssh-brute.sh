#!/usr/bin/env bash
# SSH password guessing: seven attacker hosts, each trying 6 wrong passwords (one connection per
# attempt, sshpass + ssh) against sshd, all within a few seconds.
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
source "$(dirname "$0")/lib/sshd.sh"
OUT="$TRACE_DIR/ssh-brute.pcap"

netns_switch
netns_host server 10.77.51.1/16
for a in 1 2 3 4 5 6 7; do netns_host "attacker$a" "10.77.51.$((10 + a))/16"; done
sshd_start server 10.77.51.1

capture_start server eth0 "$OUT" 128
wait_window_offset 10 1
pids=()
for a in 1 2 3 4 5 6 7; do
  (for i in $(seq 6); do ssh_attempt "attacker$a" 10.77.51.1 "guess-$a-$i" || true; done) &
  pids+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid"; done
capture_stop
