#!/usr/bin/env bash
# run.sh [TRACE.pcap...]: regenerates the expected results of every application on every committed
# trace (default: tests/src/test/resources/traces/*.pcap and queries/demo/demo.pcap):
#   tshark export (export.sh) -> sqlite3 database (schema.sql, load.sql) -> one SQL file per app,
# written to tests/src/test/resources/expected/<app>/<trace>.csv (default parameters) and
# <trace>.all.csv (threshold removed: every key of every window). Needs tshark and sqlite3.
set -euo pipefail
ORACLE_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_ROOT="$(cd "$ORACLE_DIR/../.." && pwd)"
EXPECTED_DIR="$REPO_ROOT/tests/src/test/resources/expected"

for tool in tshark sqlite3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (apt-get install tshark sqlite3)" >&2; exit 1; }
done

# Default parameters of the applications (apps-spec): window in seconds, then sqlite parameters.
# The ".all" run uses the same window with :all = 1 (and, for cryptomining, min_packets = 1).
APPS=(tcp_new_conn sketch_gen port_scan super_spreader tcp_retransmission syn_flood slowloris
      heavy_hitter tcp_incomplete_flows split_processing cryptomining ssh_brute ddos)
declare -A WINDOW_S=(
  [tcp_new_conn]=5 [sketch_gen]=5 [port_scan]=10 [super_spreader]=10 [tcp_retransmission]=10
  [syn_flood]=5 [slowloris]=10 [heavy_hitter]=10 [tcp_incomplete_flows]=10 [split_processing]=5
  [cryptomining]=60 [ssh_brute]=10 [ddos]=10
)
declare -A PARAMS=(
  [tcp_new_conn]=":threshold 40" [sketch_gen]=":prefix 0.0.0.0/0" [port_scan]=":threshold 100"
  [super_spreader]=":threshold 100" [tcp_retransmission]=":threshold 10" [syn_flood]=":threshold 100"
  [slowloris]=":threshold 500 :min_conns 50" [heavy_hitter]=":threshold 100000"
  [tcp_incomplete_flows]=":threshold 100" [split_processing]="" [cryptomining]=":min_packets 10"
  [ssh_brute]=":threshold 40" [ddos]=":threshold 100"
)

# The output columns of each application (apps-spec): written even when no row is reported, and
# checked against the header sqlite3 prints when there are rows.
declare -A HEADER=(
  [tcp_new_conn]="window_start_us,dst,conns" [sketch_gen]="window_start_us,src,packets"
  [port_scan]="window_start_us,src,ports" [super_spreader]="window_start_us,src,dsts"
  [tcp_retransmission]="window_start_us,src,sport,dst,dport,retrans,rtt_avg_us,rtt_min_us,rtt_max_us,rtt_samples"
  [syn_flood]="window_start_us,dst,half_open" [slowloris]="window_start_us,dst,conns,bytes,rate"
  [heavy_hitter]="window_start_us,src,bytes" [tcp_incomplete_flows]="window_start_us,src,incomplete"
  [split_processing]="window_start_us,tcp,udp" [cryptomining]="window_start_us,src,dst,packets,timestamps"
  [ssh_brute]="window_start_us,dst,pairs" [ddos]="window_start_us,dst,srcs"
)

# sqlite_params "NAME VALUE ..." ALL: the CLI commands that bind the parameters. A prefix a.b.c.d/n
# becomes :prefix_addr (32-bit integer) and :prefix_len.
sqlite_params() {
  local -a words; read -r -a words <<<"$1"
  local all="$2" i out=()
  out+=(".parameter set :all $all")
  for ((i = 0; i < ${#words[@]}; i += 2)); do
    local name="${words[i]}" value="${words[i+1]}"
    if [[ "$name" == ":min_packets" && "$all" == 1 ]]; then value=1; fi
    if [[ "$name" == ":prefix" ]]; then
      local addr="${value%/*}" len="${value#*/}" a b c d
      IFS=. read -r a b c d <<<"$addr"
      out+=(".parameter set :prefix_addr $(( (a << 24) | (b << 16) | (c << 8) | d ))" ".parameter set :prefix_len $len")
    else
      out+=(".parameter set $name $value")
    fi
  done
  printf '%s\n' "${out[@]}"
}

if [[ $# -gt 0 ]]; then traces=("$@")
else traces=("$REPO_ROOT"/tests/src/test/resources/traces/*.pcap "$REPO_ROOT/queries/demo/demo.pcap"); fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for trace in "${traces[@]}"; do
  name="$(basename "$trace" .pcap)"
  "$ORACLE_DIR/export.sh" "$trace" "$work/$name.csv"
  db="$work/$name.db"
  sqlite3 -bail "$db" ".read $ORACLE_DIR/schema.sql" ".import --csv --skip 1 $work/$name.csv raw" \
    ".read $ORACLE_DIR/load.sql"
  bad="$(sqlite3 "$db" "SELECT count(*) FROM pkt WHERE ts_us IS NULL OR len IS NULL OR src = '' OR dst = ''
                        OR (proto = 6 AND sport IS NOT NULL AND flags IS NULL)")"
  if [[ "$bad" != 0 ]]; then echo "run.sh: $bad malformed packet rows in the export of $trace" >&2; exit 1; fi
  for app in "${APPS[@]}"; do
    mkdir -p "$EXPECTED_DIR/$app"
    for all in 0 1; do
      suffix=".csv"; [[ $all == 1 ]] && suffix=".all.csv"
      mapfile -t cmds < <(sqlite_params "${PARAMS[$app]}" "$all")
      out="$EXPECTED_DIR/$app/$name$suffix"
      sqlite3 -bail "$db" ".parameter init" ".parameter set :window_us $(( WINDOW_S[$app] * 1000000 ))" \
        "${cmds[@]}" ".mode csv" ".headers on" ".separator , \"\\n\"" ".read $ORACLE_DIR/$app.sql" \
        >"$work/result.csv"
      if [[ ! -s "$work/result.csv" ]]; then
        echo "${HEADER[$app]}" >"$out"
      elif [[ "$(head -n 1 "$work/result.csv")" != "${HEADER[$app]}" ]]; then
        echo "run.sh: $app.sql printed columns $(head -n 1 "$work/result.csv"), expected ${HEADER[$app]}" >&2; exit 1
      else
        mv "$work/result.csv" "$out"
      fi
    done
  done
  echo "$name: $(sqlite3 "$db" 'SELECT count(*) FROM raw') frames, $(sqlite3 "$db" 'SELECT count(*) FROM pkt') IP packets"
done
