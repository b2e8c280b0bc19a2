#!/usr/bin/env bash
# A single successful SSH password login that runs `true` (the negative counterpart of ssh-brute).
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
source "$(dirname "$0")/lib/sshd.sh"
OUT="$TRACE_DIR/ssh-login.pcap"

netns_switch
netns_host server 10.77.52.1/16
netns_host client 10.77.52.2/16
sshd_start server 10.77.52.1

capture_start server eth0 "$OUT" 128
ssh_attempt client 10.77.52.1 "$SSH_PASSWORD"
capture_stop
