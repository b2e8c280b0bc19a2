#!/usr/bin/env bash
# export.sh TRACE OUT.csv: one CSV row per frame with the fields the oracle's SQL needs, as tshark
# dissects them. Preferences are pinned (an empty configuration directory, so no personal
# preference can change the result) and:
#   ip.defragment / ipv6.defragment off: the first fragment carries its own ports, the others none;
#   tcp.analyze_sequence_numbers on: the tcp.analysis.* fields (retransmissions, ack_rtt);
#   tcp.fastrt_supersedes_ooo on (the default): fast retransmission is tested before out-of-order.
# occurrence=f keeps the outer header of ICMP errors that quote an inner IP packet.
set -euo pipefail
if [[ $# -ne 2 ]]; then echo "usage: $0 TRACE OUT.csv" >&2; exit 2; fi
trace="$1" out="$2"
if [[ ! -r "$trace" ]]; then echo "export.sh: cannot read trace $trace" >&2; exit 1; fi

FIELDS=(
  frame.number frame.time_epoch frame.len
  ip.src ip.dst ip.proto ip.flags.mf ip.frag_offset
  ipv6.src ipv6.dst ipv6.nxt
  tcp.srcport tcp.dstport udp.srcport udp.dstport
  tcp.flags tcp.seq_raw tcp.ack_raw tcp.len
  tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission
  tcp.analysis.ack_rtt tcp.analysis.acks_frame
)
args=()
for f in "${FIELDS[@]}"; do args+=(-e "$f"); done

config_dir="$(mktemp -d)"
trap 'rm -rf "$config_dir"' EXIT
WIRESHARK_CONFIG_DIR="$config_dir" tshark -r "$trace" -n \
  -o ip.defragment:FALSE -o ipv6.defragment:FALSE -o tcp.analyze_sequence_numbers:TRUE \
  -o tcp.fastrt_supersedes_ooo:TRUE \
  -T fields -E header=y -E separator=, -E quote=d -E occurrence=f "${args[@]}" \
  >"$out" 2> >(grep -v 'Running as user "root"' >&2)
