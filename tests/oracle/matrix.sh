#!/usr/bin/env bash
# matrix.sh: a Markdown table of how many rows each application reports with its default
# parameters on each trace (0 = negative), read from the expected files.
set -euo pipefail
EXPECTED="$(cd "$(dirname "$0")/../src/test/resources/expected" && pwd)"
apps=(tcp_new_conn sketch_gen port_scan super_spreader tcp_retransmission syn_flood slowloris
      heavy_hitter tcp_incomplete_flows split_processing cryptomining ssh_brute ddos)
printf '| trace |'; printf ' %s |' "${apps[@]}"; echo
printf '| --- |'; printf ' --- |%.0s' "${apps[@]}"; echo
for f in "$EXPECTED"/tcp_new_conn/*.csv; do
  [[ "$f" == *.all.csv ]] && continue
  t="$(basename "$f" .csv)"
  printf '| %s |' "$t"
  for a in "${apps[@]}"; do printf ' %s |' "$(( $(wc -l <"$EXPECTED/$a/$t.csv") - 1 ))"; done
  echo
done
