#!/usr/bin/env bash
# run.sh [SET...]: regenerates the expected results of the six CQL queries (the .cql files here)
# on the committed CQL traces:
#   tshark export (export.sh) of every trace of a set, loaded with its colID -> sqlite3 database
#   (schema.sql, load.sql) -> one SQL file per query (<query>.sql), written to
#   tests/src/test/resources/cql/expected/<query>/[<set>/]<output>.csv and instants.txt.
# Sets (default: all): main (B = link-b.pcap, C = link-c.pcap; files directly in <query>/),
# short (B = short-b.pcap), keepalive (B = traces/keepalive.pcap, protocol analysis only).
# Needs tshark and sqlite3. Deterministic: two runs on the same traces write the same bytes.
set -euo pipefail
ORACLE_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_ROOT="$(cd "$ORACLE_DIR/../../.." && pwd)"
RESOURCES="$REPO_ROOT/tests/src/test/resources"
EXPECTED_DIR="$RESOURCES/cql/expected"

for tool in tshark sqlite3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (apt-get install tshark sqlite3)" >&2; exit 1; }
done

# Each set: its traces as NAME=FILE (relative to the test resources), and the queries it is for.
declare -A SET_TRACES=(
  [main]="B=cql/traces/link-b.pcap C=cql/traces/link-c.pcap"
  [short]="B=cql/traces/short-b.pcap"
  [keepalive]="B=traces/keepalive.pcap"
)
ALL_QUERIES="top_k customer_monitoring protocol_analysis source_monitoring misbehaving_hosts flow_information"
declare -A SET_QUERIES=([main]="$ALL_QUERIES" [short]="$ALL_QUERIES" [keepalive]="protocol_analysis")
SETS=(main short keepalive)

# Each query's outputs: NAME:KIND:COLUMNS. KIND stream = every emitted tuple at its instant;
# relation = the full value at every instant of instants.txt (an empty value is one row with the
# instant and empty columns). "*" stands for the Packets columns in docs/cql.md's order.
PACKET_COLUMNS="srcIP,destIP,srcPort,destPort,protocol,len,flags,timestamp,id,colID"
declare -A OUTPUTS=(
  [top_k]="Load:relation:srcIP,destIP,traffic Q:relation:srcIP,destIP,traffic"
  [customer_monitoring]="result:relation:ratio"
  [protocol_analysis]="result:stream:srcIP,sum_len,count"
  [source_monitoring]="Q1:stream:srcIP,num Q2:stream:srcIP,expdecavg_num"
  [misbehaving_hosts]="DelayedSynStream:stream:* MisbehavingSyn:relation:*"
  [flow_information]="FlowIdStream:stream:*,flowStartBit,flowId FlowInformation:relation:srcIP,destIP,flowId,count,sum_len"
)
# FlowStartIdentifyStream's tuples are FlowIdStream's without the last column (flowId): one file of
# the two (3 MB each) is enough. run.sh checks that every FlowStartIdentifyStream tuple got a flowId.

if [[ $# -gt 0 ]]; then SETS=("$@"); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# sql DB STATEMENT...: runs statements on a database, one value or row per line, stopping at errors.
sql() { local db="$1"; shift; sqlite3 -bail "$db" "$@"; }

# output_commands NAME KIND COLUMNS OUT: sqlite3 CLI commands writing view out_NAME to OUT as CSV,
# header first, rows sorted by every column in order. A relation is read at every instant of table
# instants (LEFT JOIN: an instant without rows gives one row with empty columns).
output_commands() {
  local name="$1" kind="$2" columns="${3//\*/$PACKET_COLUMNS}" out="$4"
  local n order
  n=$(( $(tr -cd , <<<"$columns" | wc -c) + 2 ))
  order="$(seq -s, 1 "$n")"
  # Fails (-bail) when the view lacks one of the columns.
  echo "SELECT instant_us, $columns FROM out_$name LIMIT 0;"
  echo ".output $out"
  echo ".print instant_us,$columns"
  if [[ "$kind" == relation ]]; then
    echo "SELECT i.t, $(sed 's/\([^,]*\)/v.\1/g' <<<"$columns") FROM instants i LEFT JOIN out_$name v ON v.instant_us = i.t ORDER BY $order;"
  else
    echo "SELECT instant_us, $columns FROM out_$name ORDER BY $order;"
  fi
  echo ".output stdout"
}

for set in "${SETS[@]}"; do
  [[ -n "${SET_TRACES[$set]:-}" ]] || { echo "run.sh: unknown set $set (known: ${!SET_TRACES[*]})" >&2; exit 2; }
  db="$work/$set.db"
  sql "$db" ".read $ORACLE_DIR/schema.sql"
  for binding in ${SET_TRACES[$set]}; do
    col="${binding%%=*}" trace="$RESOURCES/${binding#*=}"
    "$ORACLE_DIR/export.sh" "$trace" "$work/export.csv"
    sql "$db" ".import --csv --skip 1 $work/export.csv raw" ".parameter set :colID '$col'" \
      ".read $ORACLE_DIR/load.sql"
  done
  # Every id has nine fields; TCP ids all of them, UDP ids no seq and ack, others only the first four.
  bad="$(sql "$db" "SELECT count(*) FROM packets WHERE timestamp IS NULL OR len IS NULL OR srcIP = '' OR destIP = ''
                    OR length(id) - length(replace(id, '|', '')) <> 8
                    OR (protocol = 6 AND srcPort IS NOT NULL AND (flags IS NULL OR id NOT GLOB '*|*|6|*|?*|?*|?*|?*|?*'))
                    OR (protocol = 17 AND srcPort IS NOT NULL AND id NOT GLOB '*|*|17|*|?*|?*|||?*')
                    OR (protocol NOT IN (6, 17) AND id NOT GLOB '*|*|*|*|||||')")"
  if [[ "$bad" != 0 ]]; then echo "run.sh: $bad malformed packet rows in set $set" >&2; exit 1; fi
  # Two rows equal in every column would make a set union differ from the bag union the oracle uses.
  dup="$(sql "$db" "SELECT count(*) FROM (SELECT 1 FROM packets GROUP BY colID, timestamp, id, len HAVING count(*) > 1)")"
  if [[ "$dup" != 0 ]]; then echo "run.sh: $dup identical packet rows in set $set" >&2; exit 1; fi

  # The two links see the same packets between customers (10.81.1.0/24) and servers (10.81.4.0/24):
  # each such packet's id on one link must occur on the other (routing kept its header fields).
  if [[ "$set" == main ]]; then
    unmatched="$(sql "$db" "CREATE INDEX packets_id_link ON packets(id, colID);
      SELECT count(*) FROM packets p
      WHERE ((srcIP LIKE '10.81.1.%' AND destIP LIKE '10.81.4.%') OR (srcIP LIKE '10.81.4.%' AND destIP LIKE '10.81.1.%'))
        AND NOT EXISTS (SELECT 1 FROM packets q WHERE q.id = p.id AND q.colID <> p.colID)")"
    if [[ "$unmatched" != 0 ]]; then echo "run.sh: $unmatched customer-server packets seen on one link only" >&2; exit 1; fi
  fi

  # Instants of the relation outputs: every multiple of 10 s from the first to the last packet, and
  # the last packet's instant (t_end).
  sql "$db" "CREATE TABLE base_instants AS
    WITH RECURSIVE m(t) AS (
      SELECT ((min(timestamp) + 9999999) / 10000000) * 10000000 FROM packets
      UNION ALL SELECT t + 10000000 FROM m WHERE t + 10000000 <= (SELECT max(timestamp) FROM packets))
    SELECT t FROM m UNION SELECT max(timestamp) FROM packets"

  for query in ${SET_QUERIES[$set]}; do
    out_dir="$EXPECTED_DIR/$query"; [[ "$set" != main ]] && out_dir="$out_dir/$set"
    mkdir -p "$out_dir"
    query_sql="$ORACLE_DIR/$query.sql"
    sql "$db" "DROP TABLE IF EXISTS instants" "CREATE TABLE instants AS SELECT t FROM base_instants"
    if [[ "$query" == misbehaving_hosts ]]; then
      sql "$db" ".read $query_sql" "INSERT INTO instants SELECT instant_us FROM nonempty_MisbehavingSyn
                                    WHERE instant_us NOT IN (SELECT t FROM instants)"
    fi
    has_relation=0
    {
      echo ".read $query_sql"
      echo ".mode csv"; echo ".headers off"; echo '.separator , "\n"'
      for spec in ${OUTPUTS[$query]}; do
        IFS=: read -r name kind columns <<<"$spec"
        output_commands "$name" "$kind" "$columns" "$out_dir/$name.csv"
      done
      # A consistency check printing 0 when it holds.
      case "$query" in
        top_k) echo "SELECT (SELECT count(*) FROM (SELECT * FROM out_Q EXCEPT SELECT * FROM check_Q_double))
                     + (SELECT count(*) FROM (SELECT * FROM check_Q_double EXCEPT SELECT * FROM out_Q));" ;;
        flow_information) echo "SELECT (SELECT count(*) FROM out_FlowStartIdentifyStream)
                                - (SELECT count(*) FROM out_FlowIdStream);" ;;
        *) echo "SELECT 0;" ;;
      esac
    } >"$work/commands.sql"
    for spec in ${OUTPUTS[$query]}; do [[ "$spec" == *:relation:* ]] && has_relation=1; done
    check="$(sql "$db" ".read $work/commands.sql")"
    if [[ "$check" != 0 ]]; then
      case "$query" in
        top_k) echo "run.sh: top_k's Q selects other rows when 0.95 * count is a double (set $set)" >&2 ;;
        *) echo "run.sh: $query: FlowStartIdentifyStream and FlowIdStream differ in size (set $set)" >&2 ;;
      esac
      exit 1
    fi
    if [[ $has_relation == 1 ]]; then sql "$db" "SELECT t FROM instants ORDER BY t" >"$out_dir/instants.txt"
    else rm -f "$out_dir/instants.txt"; fi
  done
  echo "$set: $(sql "$db" "SELECT group_concat(colID || ' ' || n || ' packets ' || first || '..' || last, ', ')
                           FROM (SELECT colID, count(*) AS n, min(timestamp) AS first, max(timestamp) AS last
                                 FROM packets GROUP BY colID ORDER BY colID)"), $(sql "$db" "SELECT count(*) FROM base_instants") instants"
done
