#!/usr/bin/env bash
# Builds queries/demo/demo.pcap from committed scenario traces: each trace is shifted in time by a
# whole number of minutes (editcap -t), so its phase inside every 5 s, 10 s and 60 s window stays
# exactly as captured, and placed near a chosen offset from the start of keepalive.pcap; then all
# are merged in time order (mergecap). Scenarios use disjoint address blocks, so overlapping them
# mixes no keys.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TRACES="$REPO_ROOT/tests/src/test/resources/traces"
OUT="$REPO_ROOT/queries/demo/demo.pcap"

# trace name and desired start offset in seconds from the start of keepalive.pcap
PLAN=(
  "keepalive 0" "slowloris 0" "web-loops 10" "iperf-loss 20" "nmap-syn-fast 40" "nmap-range 45"
  "hping-flood-spoofed 50" "ssh-brute 60" "skewed-load 70" "nmap-connect-slow 80"
)

# first_us TRACE: the first frame's timestamp in integer microseconds (string arithmetic).
first_us() {
  local t; t="$(tshark -r "$1" -c 1 -T fields -e frame.time_epoch 2>/dev/null)"
  local frac="${t#*.}000000"
  echo $(( ${t%.*} * 1000000 + 10#${frac:0:6} ))
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
base_us="$(first_us "$TRACES/keepalive.pcap")"
parts=()
for entry in "${PLAN[@]}"; do
  read -r name offset <<<"$entry"
  start_us="$(first_us "$TRACES/$name.pcap")"
  want_us=$(( base_us + offset * 1000000 ))
  # nearest whole number of minutes
  diff_us=$(( want_us - start_us ))
  if (( diff_us >= 0 )); then minutes=$(( (diff_us + 30000000) / 60000000 ))
  else minutes=$(( -((-diff_us + 30000000) / 60000000) )); fi
  editcap -F pcap -t "$(( minutes * 60 ))" "$TRACES/$name.pcap" "$work/$name.pcap"
  echo "$name: shifted by $minutes min, starts $(( (start_us + minutes * 60000000 - base_us) / 1000000 )) s after keepalive" >&2
  parts+=("$work/$name.pcap")
done
mkdir -p "$(dirname "$OUT")"
mergecap -F pcap -w "$OUT" "${parts[@]}"
capinfos -c -u -s "$OUT" >&2
