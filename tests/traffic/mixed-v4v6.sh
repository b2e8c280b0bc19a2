#!/usr/bin/env bash
# Mixed TCP, UDP and ICMP over IPv4 and IPv6, about 16 s: curl over both families, iperf3 UDP over
# IPv6, 3000-byte UDP datagrams over IPv4 (three fragments each, only the first has ports), and
# pings over both families.
set -euo pipefail
source "$(dirname "$0")/lib/netns.sh"
OUT="$TRACE_DIR/mixed-v4v6.pcap"

netns_switch
netns_host server 10.77.81.1/16 fd77::81:1/64
netns_host client 10.77.81.2/16 fd77::81:2/64
web_server server 0.0.0.0 "[fd77::81:1]"
netns_bg server iperf3-server iperf3 -s -1 -p 5201
netns_bg server nc-udp nc -lku 9000
wait_port server tcp 5201
wait_port server udp 9000
sleep 3   # let IPv6 multicast listener reports of the new interfaces pass before capturing

capture_start server eth0 "$OUT" 128
netns_exec client timeout 30 bash -c \
  'for i in $(seq 8); do curl -s -o /dev/null --max-time 5 "http://[fd77::81:1]/index.html";
     curl -s -o /dev/null --max-time 5 http://10.77.81.1/index.html; sleep 1; done' &
web_pid=$!
netns_exec client timeout 30 iperf3 -6 -c fd77::81:1 -u -b 200K -l 500 -t 6 >/dev/null
netns_exec client timeout 30 bash -c \
  'for i in $(seq 5); do head -c 3000 /dev/zero | nc -u -w1 10.77.81.1 9000; done'
netns_exec client ping -q -c 3 -i 0.5 10.77.81.1 >/dev/null
netns_exec client ping -q -c 3 -i 0.5 fd77::81:1 >/dev/null
wait "$web_pid"
capture_stop
