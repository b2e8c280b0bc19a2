#!/usr/bin/env bash
# Re-creates every committed capture, the demo trace and the oracle's expected results:
#   tests/src/test/resources/traces/*.pcap   (one scenario script each, in network namespaces)
#   queries/demo/demo.pcap                   (make-demo.sh)
#   tests/src/test/resources/expected/       (tests/oracle/run.sh)
# Needs root (network namespaces) and the Debian packages listed in README.md. Takes about 6 min.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
if [[ $EUID -ne 0 ]]; then echo "make-all.sh: needs root for network namespaces" >&2; exit 1; fi
for tool in ip tcpdump tshark editcap mergecap capinfos sqlite3 nmap hping3 slowhttptest iperf3 \
            lighttpd curl wget nft ethtool sshd sshpass nc ping openssl unshare ss; do
  command -v "$tool" >/dev/null || { echo "make-all.sh: $tool is missing (see README.md)" >&2; exit 1; }
done

SCENARIOS=(
  nmap-syn-fast nmap-connect-slow nmap-range
  hping-flood-rst hping-flood-norst hping-flood-spoofed
  slowloris web-loops busy-server
  iperf-loss iperf-clean
  ssh-brute ssh-login
  skewed-load keepalive mixed-v4v6 arp-only
)
for s in "${SCENARIOS[@]}"; do
  echo "== $s" >&2
  "$HERE/$s.sh"
done
"$HERE/make-demo.sh"
"$HERE/../oracle/run.sh"
# The CQL captures (two links) and their SQL oracle: tests/traffic/cql/README.md.
"$HERE/cql/make-all.sh"
