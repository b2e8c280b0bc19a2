#!/usr/bin/env bash
# export.sh TRACE OUT.csv: one CSV row per frame with the fields the CQL oracle needs, as tshark
# dissects them: time, wire length, addresses, protocol, IPv4 identification, ports, TCP flags,
# raw sequence and acknowledgement numbers, TCP payload length and UDP length.
# Preferences are pinned (an empty configuration directory, so no personal preference applies):
#   ip.defragment / ipv6.defragment off: a first fragment carries its own ports, the others none;
#   tcp.analyze_sequence_numbers off: not needed, and tcp.seq_raw / tcp.ack_raw are printed anyway.
# occurrence=f keeps the outer header of ICMP errors that quote an inner IP packet.
set -euo pipefail
if [[ $# -ne 2 ]]; then echo "usage: $0 TRACE OUT.csv" >&2; exit 2; fi
trace="$1" out="$2"
if [[ ! -r "$trace" ]]; then echo "export.sh: cannot read trace $trace" >&2; exit 1; fi

FIELDS=(
  frame.number frame.time_epoch frame.len
  ip.src ip.dst ip.proto ip.id
  ipv6.src ipv6.dst ipv6.nxt
  tcp.srcport tcp.dstport udp.srcport udp.dstport
  tcp.flags tcp.seq_raw tcp.ack_raw tcp.len udp.length
)
args=()
for f in "${FIELDS[@]}"; do args+=(-e "$f"); done

config_dir="$(mktemp -d)"
trap 'rm -rf "$config_dir"' EXIT
WIRESHARK_CONFIG_DIR="$config_dir" tshark -r "$trace" -n \
  -o ip.defragment:FALSE -o ipv6.defragment:FALSE -o tcp.analyze_sequence_numbers:FALSE \
  -T fields -E header=y -E separator=, -E quote=d -E occurrence=f "${args[@]}" \
  >"$out" 2> >(grep -v 'Running as user "root"' >&2)
