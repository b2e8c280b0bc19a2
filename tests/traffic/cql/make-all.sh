#!/usr/bin/env bash
# Re-creates the CQL captures and their expected results:
#   tests/src/test/resources/cql/traces/link-b.pcap, link-c.pcap  (two-links.sh, about 15 min)
#   tests/src/test/resources/cql/traces/short-b.pcap              (link-b-short.sh, about 2 min)
#   tests/src/test/resources/cql/expected/                        (tests/oracle/cql/run.sh)
# Needs root (network namespaces) and the Debian packages listed in README.md.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
if [[ $EUID -ne 0 ]]; then echo "make-all.sh: needs root for network namespaces" >&2; exit 1; fi
for tool in ip tcpdump tshark capinfos sqlite3 hping3 iperf3 lighttpd curl wget ping nft ethtool ss; do
  command -v "$tool" >/dev/null || { echo "make-all.sh: $tool is missing (see README.md)" >&2; exit 1; }
done
echo "== two-links" >&2
"$HERE/two-links.sh"
echo "== link-b-short" >&2
"$HERE/link-b-short.sh"
"$HERE/../../oracle/cql/run.sh"
