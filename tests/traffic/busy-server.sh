#!/usr/bin/env bash
# A busy web server: six clients, each running a curl loop (60 requests, 0.1 s apart) with a 7000-
# byte request header, about 10 s. Hundreds of connections per window, all completed and closed;
# the server's SYN-ACKs go to hundreds of distinct client ports.
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/busy-server.pcap"

netns_switch
netns_host server 10.77.33.1/16
for c in 1 2 3 4 5 6; do netns_host "client$c" "10.77.33.$((10 + c))/16"; done
web_server server 0.0.0.0
pad="$(head -c 7000 /dev/zero | tr '\0' 'p')"

capture_start server eth0 "$OUT" 128
pids=()
for c in 1 2 3 4 5 6; do
  netns_exec "client$c" timeout 60 bash -c \
    'for i in $(seq 60); do curl -s -o /dev/null --max-time 5 -H "X-Pad: $1" http://10.77.33.1/; sleep 0.1; done' \
    _ "$pad" &
  pids+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid"; done
capture_stop
