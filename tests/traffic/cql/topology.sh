# The two-link network of the CQL captures (sourced by two-links.sh and link-b-short.sh):
#
#   c1 c2 c3 ──lan── rc ══ link C ══ core ══ link B ══ rs ──lan── s1 s2 s3
#   10.81.1.0/24         10.81.2.0/30  │  10.81.3.0/30        10.81.4.0/24
#                                      lan
#                                 o1 … o6 10.81.5.0/24
#
# Customer hosts c1–c3 reach the servers through link C and then the backbone link B; the other
# hosts o1–o6 hang off the backbone router and reach the servers through link B only (and the
# customers through link C only). Both links are captured on the backbone router's side. Plain
# routing, no NAT: a packet keeps its IP id, ports, sequence numbers and payload on both links.
#
# Servers: s1 and s2 run lighttpd on port 80 (index.html 2 KiB, big.bin 64 KiB); s3 runs iperf3
# servers and drops the periodic UDP datagrams to ports 7001–7009 silently (nftables), while port
# 7999 is closed, so datagrams there come back as ICMP port unreachable.

CQL_TRACE_DIR="$REPO_ROOT/tests/src/test/resources/cql/traces"
CUSTOMERS=(c1 c2 c3)
OTHERS=(o1 o2 o3 o4 o5 o6)
SERVERS=(s1 s2 s3)
declare -A ADDR=(
  [c1]=10.81.1.11 [c2]=10.81.1.12 [c3]=10.81.1.13
  [s1]=10.81.4.11 [s2]=10.81.4.12 [s3]=10.81.4.13
  [o1]=10.81.5.11 [o2]=10.81.5.12 [o3]=10.81.5.13 [o4]=10.81.5.14 [o5]=10.81.5.15 [o6]=10.81.5.16
)
WORK_PIDS=()

build_topology() {
  router_new rc; router_lan rc 10.81.1.1/24
  router_new core; router_lan core 10.81.5.1/24
  router_new rs; router_lan rs 10.81.4.1/24
  p2p_link rc up0 10.81.2.1/30 core linkc 10.81.2.2/30
  p2p_link core linkb 10.81.3.1/30 rs up0 10.81.3.2/30
  netns_exec rc ip route add default via 10.81.2.2
  netns_exec rs ip route add default via 10.81.3.1
  netns_exec core ip route add 10.81.1.0/24 via 10.81.2.1
  netns_exec core ip route add 10.81.4.0/24 via 10.81.3.2
  local h
  for h in "${CUSTOMERS[@]}"; do router_host rc "$h" "${ADDR[$h]}/24"; done
  for h in "${OTHERS[@]}"; do router_host core "$h" "${ADDR[$h]}/24"; done
  for h in "${SERVERS[@]}"; do router_host rs "$h" "${ADDR[$h]}/24"; done
  web_server s1 0.0.0.0
  web_server s2 0.0.0.0
  netns_exec s3 nft -f - <<'NFT'
table inet is_sink {
  chain in { type filter hook input priority 0; udp dport 7001-7009 drop; }
}
NFT
  # Warm the neighbour caches, so the captures hold no ARP-delayed first packets.
  for h in "${CUSTOMERS[@]}" "${OTHERS[@]}"; do
    netns_exec "$h" ping -q -c 1 -W 2 "${ADDR[s1]}" >/dev/null
    netns_exec "$h" ping -q -c 1 -W 2 "${ADDR[s2]}" >/dev/null
    netns_exec "$h" ping -q -c 1 -W 2 "${ADDR[s3]}" >/dev/null
  done
}

# half_open_attacker NAME: hping3 may send SYNs from source ports 40000–40999 of NAME; the kernel's
# RSTs answering the SYN-ACKs there are dropped, so no ACK or RST follows (a half-open connection
# that the server keeps retrying). The host's own connections use ports 10000–30000, untouched.
half_open_attacker() {
  netns_exec "$1" sysctl -qw net.ipv4.ip_local_port_range="10000 30000"
  netns_exec "$1" nft -f - <<'NFT'
table inet is_norst {
  chain out { type filter hook output priority 0; tcp sport 40000-40999 tcp flags & rst == rst drop; }
}
NFT
}

# work NAME LOG SECONDS SCRIPT: runs a bash loop inside NAME in the background, bounded by a timeout
# of SECONDS + 60; the loop itself gets SECONDS as $1 (its duration).
work() {
  local name="$1" log="$2" seconds="$3" script="$4"
  netns_bg "$name" "$log" timeout $((seconds + 60)) bash -c "$script" work "$seconds"
  WORK_PIDS+=("$LAST_BG_PID")
}

# http_loop NAME LOG SECONDS PERIOD TOOL URL: fetch URL every PERIOD seconds for SECONDS seconds.
http_loop() {
  local fetch
  case "$5" in
    curl) fetch="curl -s -o /dev/null --max-time 10 $6" ;;
    wget) fetch="wget -q -O /dev/null -T 10 -t 1 $6" ;;
  esac
  work "$1" "$2" "$3" "end=\$((SECONDS + \$1)); while ((SECONDS < end)); do $fetch || true; sleep $4; done"
}

# udp_ticks NAME LOG SECONDS PERIOD DST PORT: one short UDP datagram every PERIOD seconds (bash's
# /dev/udp, no extra process per datagram).
udp_ticks() {
  work "$1" "$2" "$3" \
    "end=\$((SECONDS + \$1)); i=0; while ((SECONDS < end)); do i=\$((i + 1)); echo \"tick \$i\" >/dev/udp/$5/$6; sleep $4; done"
}

# udp_load NAME PORT SECONDS BITRATE LENGTH: iperf3 UDP stream to s3, whose iperf3 server on PORT
# (iperf3_servers) takes one test.
udp_load() {
  netns_bg "$1" "iperf3-$1-$2" timeout $(($3 + 60)) iperf3 -c "${ADDR[s3]}" -p "$2" -u -b "$4" -l "$5" -t "$3"
  WORK_PIDS+=("$LAST_BG_PID")
}

# iperf3_servers PORT...: one-test iperf3 servers on s3.
iperf3_servers() {
  local port
  for port in "$@"; do netns_bg s3 "iperf3-server-$port" iperf3 -s -1 -B "${ADDR[s3]}" -p "$port"; done
  for port in "$@"; do wait_port s3 tcp "$port"; done
}

wait_work() {
  local pid
  for pid in "${WORK_PIDS[@]}"; do wait "$pid" || true; done
  WORK_PIDS=()
}
