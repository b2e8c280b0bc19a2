#!/usr/bin/env bash
# Multi-source skewed load: eight sources send to one sink for 20 s with iperf3 at Zipf-like rates
# (320, 120, 48, 24, 16, 8, 8, 4 kbit/s; 1000-byte writes), two over TCP and six over UDP.
# Per 10 s the two largest send about 400 kB and 150 kB, the rest well under 100 kB.
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/skewed-load.pcap"

rates=(320K 120K 48K 24K 16K 8K 8K 4K)
protos=(tcp udp udp tcp udp udp udp udp)
netns_switch
netns_host sink 10.77.61.1/16
for k in 1 2 3 4 5 6 7 8; do netns_host "src$k" "10.77.61.$((10 + k))/16"; done
for k in 1 2 3 4 5 6 7 8; do netns_bg sink "iperf3-$k" iperf3 -s -1 -B 10.77.61.1 -p $((5300 + k)); done
for k in 1 2 3 4 5 6 7 8; do wait_port sink tcp $((5300 + k)); done

capture_start sink eth0 "$OUT" 128
pids=()
for k in 1 2 3 4 5 6 7 8; do
  udp=(); [[ "${protos[k-1]}" == udp ]] && udp=(-u)
  netns_exec "src$k" timeout 60 iperf3 -c 10.77.61.1 -p $((5300 + k)) "${udp[@]}" -b "${rates[k-1]}" \
    -l 1000 -t 20 >/dev/null &
  pids+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid"; done
capture_stop
