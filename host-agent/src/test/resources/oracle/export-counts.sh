#!/usr/bin/env bash
# export-counts.sh TRACE HOST OUT.csv: the exact amounts the agent's counters must reach when the agent of
# HOST replays TRACE, computed with tshark and SQLite alone (no IntStream code), as CSV rows
#   chain,proto,key_type,increment,key,value
# for chain INPUT (IPv4 packets to HOST) and OUTPUT (from HOST), proto any/tcp/udp/icmp, every key type
# and both increments. Keys are written as the API writes them ("10.0.0.6", "10.0.0.6,80", ...).
# Pinned tshark preferences: an empty configuration directory; no IP defragmentation, so only the first
# fragment carries ports; occurrence=f keeps the outer header of ICMP errors that quote a packet.
# bytes = the IPv4 total length (ip.len); ports only for TCP and UDP in the first fragment.
set -euo pipefail
if [[ $# -ne 3 ]]; then echo "usage: $0 TRACE HOST OUT.csv" >&2; exit 2; fi
trace="$1" host="$2" out="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
WIRESHARK_CONFIG_DIR="$work" tshark -r "$trace" -n -o ip.defragment:FALSE \
  -T fields -E header=n -E separator=, -E occurrence=f \
  -e ip.version -e ip.src -e ip.dst -e ip.proto -e ip.len -e ip.frag_offset \
  -e tcp.dstport -e udp.dstport \
  >"$work/frames.csv" 2> >(grep -v 'Running as user "root"' >&2)
sqlite3 "$work/db" <<SQL
create table frames (version text, src text, dst text, proto text, len text, frag text, tport text, uport text);
.mode csv
.import $work/frames.csv frames
create table pkts as
  select case when dst = '$host' then 'INPUT' else 'OUTPUT' end as chain,
         src, dst, cast(proto as integer) as proto, cast(len as integer) as len,
         case when cast(proto as integer) = 6 and cast(frag as integer) = 0 and tport <> '' then cast(tport as integer)
              when cast(proto as integer) = 17 and cast(frag as integer) = 0 and uport <> '' then cast(uport as integer)
         end as dport
  from frames where version = '4' and (dst = '$host' or src = '$host');
create table protos (name text, number integer);
insert into protos values ('any', null), ('tcp', 6), ('udp', 17), ('icmp', 1);
create view filtered as
  select p.name as proto, k.* from pkts k join protos p on p.number is null or p.number = k.proto;
create view keyed as
  select chain, proto, 'src' as key_type, src as key, len from filtered
  union all select chain, proto, 'dst', dst, len from filtered
  union all select chain, proto, 'src_dst', src || ',' || dst, len from filtered
  union all select chain, proto, 'dport', cast(dport as text), len from filtered where dport is not null
  union all select chain, proto, 'src_dport', src || ',' || dport, len from filtered where dport is not null;
.headers on
.output $out
select chain, proto, key_type, 'pkt' as increment, key, count(*) as value from keyed
  group by chain, proto, key_type, key
union all
select chain, proto, key_type, 'bytes', key, sum(len) from keyed group by chain, proto, key_type, key
order by 1, 2, 3, 4, 5;
SQL
echo "$out: $(($(wc -l <"$out") - 1)) rows"
