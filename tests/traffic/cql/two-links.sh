#!/usr/bin/env bash
# The CQL scenario: about 13 minutes of traffic through the two-link network of topology.sh, link C
# (customer network) and link B (backbone) captured at the same time on the backbone router:
#   tests/src/test/resources/cql/traces/link-c.pcap and link-b.pcap (snap length 96).
# DURATION (seconds, default 780) shortens it for a trial run; the committed traces use 780.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../lib/netns.sh"
source "$HERE/../lib/routed.sh"
source "$HERE/topology.sh"
D="${DURATION:-780}"
OUT_B="${OUT_DIR:-$CQL_TRACE_DIR}/link-b.pcap"
OUT_C="${OUT_DIR:-$CQL_TRACE_DIR}/link-c.pcap"

build_topology
half_open_attacker o6
half_open_attacker c3
iperf3_servers 5301 5302 5303 5304

capture_start core linkb "$OUT_B" 96
capture_start core linkc "$OUT_C" 96
# The first packet of the scenario crosses link B only.
netns_exec o1 ping -q -c 1 -W 2 "${ADDR[s1]}" >/dev/null
sleep 1

# Web traffic to port 80 at different rates, customers among the clients; every handshake completes.
http_loop c1 curl-c1-s1 "$D" 4 curl "http://${ADDR[s1]}/index.html"
http_loop o1 curl-o1-s1 "$D" 2 curl "http://${ADDR[s1]}/index.html"
http_loop c2 wget-c2-s2 "$D" 45 wget "http://${ADDR[s2]}/big.bin"
http_loop o2 curl-o2-s2 "$D" 7 curl "http://${ADDR[s2]}/index.html"
http_loop o3 wget-o3-s1 "$D" 60 wget "http://${ADDR[s1]}/big.bin"
http_loop c3 curl-c3-s1 "$D" 10 curl "http://${ADDR[s1]}/index.html"

# Skewed UDP load to s3 (bytes per second: about 5800, 1440, 830, 220): the top pairs by traffic.
udp_load o4 5301 $((D - 20)) 44800 1400
udp_load o5 5302 $((D - 20)) 11200 1400
udp_load c1 5303 $((D - 20)) 6400 800
udp_load o1 5304 $((D - 20)) 1600 400

# Periodic low-rate sources (one datagram every 10, 20, 15 s), and one to a closed port every 30 s
# that s3 answers with ICMP port unreachable.
udp_ticks o5 tick-o5 "$D" 10 "${ADDR[s3]}" 7001
udp_ticks o2 tick-o2 "$D" 20 "${ADDR[s3]}" 7002
udp_ticks c2 tick-c2 "$D" 15 "${ADDR[s3]}" 7003
udp_ticks c3 tick-c3 "$D" 30 "${ADDR[s3]}" 7999

# Pings: every client host pings every server once a minute, host k from 40·k s on, so the number of
# source-destination pairs on link B grows from a handful to over 40 (top-k reports 1, then 2 pairs).
# c1→s2 and o3→s2 are left out: those pairs talk only every 140/150 s (below).
k=0
for h in o1 c1 o2 c2 o4 c3 o5 o6 o3; do
  for s in s1 s2 s3; do
    [[ "$h:$s" == c1:s2 || "$h:$s" == o3:s2 ]] && continue
    start=$((40 * k)); count=$(( (D - 10 - start) / 60 + 1 ))
    work "$h" "ping-$h-$s" "$D" "sleep $start; ping -q -c $count -i 60 ${ADDR[$s]}"
  done
  k=$((k + 1))
done

# Pairs with gaps longer than 2 minutes (new flows each time): c2↔o1 across link C only, o3↔s2 across
# link B only, c1↔s2 across both links.
work c2 gap-c2-o1 "$D" "end=\$((SECONDS + \$1)); while ((SECONDS < end)); do ping -q -c 2 -i 1 ${ADDR[o1]}; sleep 150; done"
work o3 gap-o3-s2 "$D" "sleep 20; end=\$((SECONDS + \$1 - 20)); while ((SECONDS < end)); do curl -s -o /dev/null --max-time 10 http://${ADDR[s2]}/index.html; sleep 150; done"
work c1 gap-c1-s2 "$D" "sleep 35; end=\$((SECONDS + \$1 - 35)); while ((SECONDS < end)); do wget -q -O /dev/null -T 10 -t 1 http://${ADDR[s2]}/index.html; sleep 140; done"

# Half-open connections to s2:80: o6 (link B only) 3 SYNs every 40 s, c3 (both links) 2 SYNs every
# 90 s, each burst from fresh source ports; the last ones fall into the last two minutes.
work o6 hping-o6 "$D" "sleep 30; end=\$((SECONDS + \$1 - 60)); base=40000; while ((SECONDS < end)); do hping3 -q -S -p 80 -s \$base -c 3 -i 1 ${ADDR[s2]} || true; base=\$((base + 10)); sleep 37; done"
work c3 hping-c3 "$D" "sleep 55; end=\$((SECONDS + \$1 - 85)); base=40500; while ((SECONDS < end)); do hping3 -q -S -p 80 -s \$base -c 2 -i 1 ${ADDR[s2]} || true; base=\$((base + 10)); sleep 88; done"

wait_work
capture_stop
capinfos -c -u "$OUT_B" "$OUT_C" >&2
