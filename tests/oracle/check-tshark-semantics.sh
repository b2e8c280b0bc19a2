#!/usr/bin/env bash
# Checks that the installed tshark classifies retransmissions and measures ack_rtt as README.md
# says (the definitions the engine implements): builds tcp_semantics_trace.py's trace, exports it
# with export.sh and compares frame, retransmission, fast, spurious, ack_rtt, acks_frame.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$HERE/tcp_semantics_trace.py" "$work/t.pcap"
"$HERE/export.sh" "$work/t.pcap" "$work/t.csv"
actual="$(tail -n +2 "$work/t.csv" | tr -d '"' | awk -F, '{print $1","$20","$21","$22","$23","$24}')"
expected="1,,,,,
2,,,,0.010000000,1
3,,,,0.010000000,2
4,,,,,
5,,,,,
6,,,,,
7,,,,0.030000000,4
8,,,,,
9,,,,,
10,1,1,,,
11,,,,0.023000000,6
12,1,,1,,
13,,,,,
14,1,,,,
15,,,,0.310000000,13
16,,,,,
17,,,,,16
18,,,,,
19,,,,,
20,,,,0.010000000,19
21,1,,1,,
22,,,,,
23,,,,,
24,,,,,
25,,,,,"
if [[ "$actual" != "$expected" ]]; then
  echo "tshark's TCP analysis differs from the documented semantics:" >&2
  diff <(echo "$expected") <(echo "$actual") >&2 || true
  exit 1
fi
echo "tshark TCP analysis semantics: 25 frames as documented"
