# Topology helper for the capture scenarios: a "switch" namespace holding a Linux bridge, and host
# namespaces attached to it by veth pairs. Everything lives in namespaces named is-<pid>-<name>, so
# several scenarios never collide and nothing touches the machine's own interfaces.
#
# Usage (from a scenario script that has done `set -euo pipefail`):
#   source "$(dirname "$0")/lib/netns.sh"
#   netns_switch                          # creates the switch namespace with bridge br0
#   netns_host target 10.77.1.2/16        # host namespace "target", eth0 on the switch, addresses
#   netns_exec target CMD...              # run a command inside a host namespace
#   netns_bg target LOGNAME CMD...        # start a background process there (killed on exit)
#   capture_start target eth0 FILE 128    # tcpdump on an interface, snap length
#   capture_stop                          # stops tcpdump, flushes the file
# An EXIT trap kills every process started here and deletes every namespace.

NETNS_PREFIX="is-$$-"
NETNS_CREATED=()
NETNS_BG_PIDS=()
NETNS_CAPTURE_PIDS=()
NETNS_CAPTURE_LOGS=()
NETNS_LOG_DIR="$(mktemp -d /tmp/is-traffic.XXXXXX)"
NETNS_PORTS=0

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
TRACE_DIR="$REPO_ROOT/tests/src/test/resources/traces"

netns_name() { echo "${NETNS_PREFIX}$1"; }

netns_cleanup() {
  local status=$? pid
  set +e
  for pid in "${NETNS_CAPTURE_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  for pid in "${NETNS_BG_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${NETNS_BG_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  local ns
  for ns in "${NETNS_CREATED[@]}"; do
    # Whatever a tool forked inside our own namespace (sshd children, lighttpd workers) goes too.
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
  done
  for ns in "${NETNS_CREATED[@]}"; do ip netns del "$ns" 2>/dev/null; done
  if [[ $status -ne 0 ]]; then
    echo "scenario failed (exit $status); tool logs in $NETNS_LOG_DIR:" >&2
    tail -n 5 "$NETNS_LOG_DIR"/*.log >&2 2>/dev/null
  else
    rm -rf "$NETNS_LOG_DIR"
  fi
  exit $status
}
trap netns_cleanup EXIT
trap 'exit 130' INT TERM

# Creates a namespace with loopback up and IPv6 off (turned back on per interface when asked).
netns_new() {
  local ns; ns="$(netns_name "$1")"
  ip netns add "$ns"
  NETNS_CREATED+=("$ns")
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
}

# Turns off every offload that would make the capture differ from the wire (merged or unsplit
# segments, unfinished checksums).
offloads_off() {
  local ns="$1" dev="$2"
  ip netns exec "$ns" ethtool -K "$dev" rx off tx off sg off tso off gso off gro off >/dev/null 2>&1 || true
  local left
  left="$(ip netns exec "$ns" ethtool -k "$dev" | grep -E '^(tcp-segmentation-offload|generic-segmentation-offload|generic-receive-offload|tx-checksumming|rx-checksumming): on' || true)"
  if [[ -n "$left" ]]; then echo "offloads still on for $dev in $ns: $left" >&2; return 1; fi
}

netns_switch() {
  netns_new sw
  local sw; sw="$(netns_name sw)"
  ip -n "$sw" link add br0 type bridge stp_state 0 forward_delay 0 mcast_snooping 0
  ip -n "$sw" link set br0 up
}

# netns_host NAME [ADDR/PREFIX...]: a host namespace with eth0 plugged into the switch.
# IPv6 addresses (containing ':') enable IPv6 on eth0 without DAD or router solicitations.
netns_host() {
  local name="$1"; shift
  netns_new "$name"
  local ns sw port
  ns="$(netns_name "$name")"; sw="$(netns_name sw)"
  NETNS_PORTS=$((NETNS_PORTS + 1)); port="p$NETNS_PORTS"
  ip -n "$sw" link add "$port" type veth peer name eth0 netns "$ns"
  ip -n "$sw" link set "$port" master br0
  offloads_off "$sw" "$port"
  offloads_off "$ns" eth0
  local addr v6=0
  for addr in "$@"; do [[ "$addr" == *:* ]] && v6=1; done
  if [[ $v6 -eq 1 ]]; then
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.eth0.disable_ipv6=0 net.ipv6.conf.eth0.accept_dad=0 \
      net.ipv6.conf.eth0.router_solicitations=0
  fi
  for addr in "$@"; do
    if [[ "$addr" == *:* ]]; then ip -n "$ns" addr add "$addr" dev eth0 nodad
    else ip -n "$ns" addr add "$addr" dev eth0; fi
  done
  ip -n "$sw" link set "$port" up
  ip -n "$ns" link set eth0 up
}

netns_exec() {
  local ns; ns="$(netns_name "$1")"; shift
  ip netns exec "$ns" "$@"
}

# netns_bg NAME LOGNAME CMD...: a background process inside a namespace, output to a log file.
netns_bg() {
  local ns; ns="$(netns_name "$1")"; local log="$NETNS_LOG_DIR/$2.log"; shift 2
  ip netns exec "$ns" "$@" >"$log" 2>&1 &
  NETNS_BG_PIDS+=("$!")
  LAST_BG_PID=$!
}

# wait_port NAME PROTO PORT: waits (at most 10 s) until something listens on PORT in a namespace.
wait_port() {
  local i
  for i in $(seq 100); do
    if netns_exec "$1" ss -Hln"${2:0:1}" "sport = :$3" | grep -q .; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on $2 port $3 in $1" >&2; return 1
}

# capture_start NAME IFACE FILE SNAPLEN: tcpdump writing a microsecond pcap, packet-buffered.
# Several captures may run at once (one per observation point).
capture_start() {
  local ns; ns="$(netns_name "$1")"
  local log="$NETNS_LOG_DIR/tcpdump-$(basename "$3" .pcap).log"
  mkdir -p "$(dirname "$3")"
  ip netns exec "$ns" tcpdump -i "$2" -s "$4" -U -n -Z root -w "$3" >"$log" 2>&1 &
  NETNS_CAPTURE_PIDS+=("$!")
  NETNS_CAPTURE_LOGS+=("$log")
  local i
  for i in $(seq 100); do
    grep -qs "listening on" "$log" && return 0
    sleep 0.1
  done
  echo "tcpdump did not start: $(cat "$log")" >&2; return 1
}

# capture_stop: stops every running capture after a short grace period for late answers,
# and fails if the kernel dropped packets (the trace would not be the wire).
capture_stop() {
  sleep 1
  local pid log
  for pid in "${NETNS_CAPTURE_PIDS[@]}"; do kill -INT "$pid"; done
  for pid in "${NETNS_CAPTURE_PIDS[@]}"; do wait "$pid" || true; done
  NETNS_CAPTURE_PIDS=()
  for log in "${NETNS_CAPTURE_LOGS[@]}"; do
    grep -E "packets (captured|dropped by kernel)" "$log" >&2 || true
    if grep -qE "^[1-9][0-9]* packets dropped by kernel" "$log"; then
      echo "tcpdump dropped packets ($log)" >&2; return 1
    fi
  done
  NETNS_CAPTURE_LOGS=()
}

# wait_window_offset PERIOD OFFSET: sleeps until the wall clock is OFFSET seconds past a multiple
# of PERIOD, so that a short burst falls inside one epoch-aligned window instead of straddling two.
wait_window_offset() {
  local now_ms period_ms=$(( $1 * 1000 )) offset_ms=$(( $2 * 1000 ))
  now_ms=$(( $(date +%s%N) / 1000000 ))
  local wait_ms=$(( (offset_ms - now_ms % period_ms + period_ms) % period_ms ))
  sleep "$(printf '%d.%03d' $((wait_ms / 1000)) $((wait_ms % 1000)))"
}

# web_server NAME LISTEN...: lighttpd in the foreground inside a namespace, serving a small site
# (index.html of 2 KiB, big.bin of 64 KiB) on port 80 of each LISTEN address ("0.0.0.0", "[fd77::1]").
web_server() {
  local name="$1"; shift
  local dir="$NETNS_LOG_DIR/www-$name"
  mkdir -p "$dir/root"
  head -c 2048 /dev/zero | tr '\0' 'a' >"$dir/root/index.html"
  head -c 65536 /dev/zero | tr '\0' 'b' >"$dir/root/big.bin"
  {
    echo "server.document-root = \"$dir/root\""
    echo "server.errorlog = \"$dir/error.log\""
    echo "server.port = 80"
    echo "server.bind = \"$1\""
    echo 'index-file.names = ("index.html")'
    echo 'mimetype.assign = (".html" => "text/html", ".bin" => "application/octet-stream")'
    echo 'server.max-connections = 1024'
    echo 'server.max-fds = 4096'
    local extra
    for extra in "${@:2}"; do echo "\$SERVER[\"socket\"] == \"$extra:80\" { }"; done
  } >"$dir/lighttpd.conf"
  netns_bg "$name" "lighttpd-$name" lighttpd -D -f "$dir/lighttpd.conf"
  wait_port "$name" tcp 80
}
