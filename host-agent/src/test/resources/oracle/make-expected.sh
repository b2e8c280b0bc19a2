#!/usr/bin/env bash
# Re-creates the committed expected counts from the project's traces (see export-counts.sh).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
TRACES="$HERE/../../../../../tests/src/test/resources/traces"
"$HERE/export-counts.sh" "$TRACES/skewed-load.pcap" 10.77.61.1 "$HERE/skewed-load.counts.csv"
"$HERE/export-counts.sh" "$TRACES/nmap-syn-fast.pcap" 10.77.11.1 "$HERE/nmap-syn-fast.counts.csv"
"$HERE/export-counts.sh" "$TRACES/mixed-v4v6.pcap" 10.77.81.1 "$HERE/mixed-v4v6.counts.csv"
"$HERE/export-counts.sh" "$TRACES/hping-flood-spoofed.pcap" 10.77.23.1 "$HERE/hping-flood-spoofed.counts.csv"
