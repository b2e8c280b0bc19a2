-- Turns the raw tshark export into typed packets. Only IPv4 and IPv6 frames are kept.
--   ts_us:      frame.time_epoch (decimal seconds, 9 digits) to integer microseconds by string
--               arithmetic, rounded half up on the 7th decimal (pcap captures have whole microseconds).
--   proto:      ip.proto for IPv4, the fixed header's Next Header (ipv6.nxt) for IPv6.
--   sport/dport: TCP or UDP ports, NULL when the protocol is neither or the frame is a non-first
--               fragment (tshark dissects no transport header there, ip.defragment being off).
--   flags:      the 12 TCP flag bits as an integer (tcp.flags is printed as hex, e.g. 0x0012).
--   ack_rtt_us: tcp.analysis.ack_rtt (decimal seconds) in integer microseconds.
--   acks_frame: tcp.analysis.acks_frame, the frame whose segment the ACK acknowledges (with ack_rtt).
CREATE TABLE pkt AS
WITH r AS (
  SELECT
    CAST(frame_number AS INTEGER) AS frame,
    time_epoch AS t,
    CAST(frame_len AS INTEGER) AS len,
    CASE WHEN ip_src <> '' THEN ip_src ELSE ipv6_src END AS src,
    CASE WHEN ip_src <> '' THEN ip_dst ELSE ipv6_dst END AS dst,
    CASE WHEN ip_src <> '' THEN CAST(ip_proto AS INTEGER) ELSE CAST(ipv6_nxt AS INTEGER) END AS proto,
    CASE WHEN ip_src <> '' THEN 4 ELSE 6 END AS family,
    tcp_srcport, tcp_dstport, udp_srcport, udp_dstport, tcp_flags, tcp_seq_raw, tcp_ack_raw,
    tcp_len, retransmission, fast_retransmission, spurious_retransmission, ack_rtt, acks_frame
  FROM raw
  WHERE ip_src <> '' OR ipv6_src <> ''
)
SELECT
  frame,
  CAST(substr(t, 1, instr(t, '.') - 1) AS INTEGER) * 1000000
    + CAST(substr(t || '000000', instr(t, '.') + 1, 6) AS INTEGER)
    + (substr(t || '0000000', instr(t, '.') + 7, 1) >= '5') AS ts_us,
  len, src, dst, proto, family,
  CASE WHEN proto = 6 AND tcp_srcport <> '' THEN CAST(tcp_srcport AS INTEGER)
       WHEN proto = 17 AND udp_srcport <> '' THEN CAST(udp_srcport AS INTEGER) END AS sport,
  CASE WHEN proto = 6 AND tcp_dstport <> '' THEN CAST(tcp_dstport AS INTEGER)
       WHEN proto = 17 AND udp_dstport <> '' THEN CAST(udp_dstport AS INTEGER) END AS dport,
  CASE WHEN proto = 6 AND tcp_flags <> '' THEN
         (instr('0123456789abcdef', lower(substr(tcp_flags, -3, 1))) - 1) * 256
       + (instr('0123456789abcdef', lower(substr(tcp_flags, -2, 1))) - 1) * 16
       + (instr('0123456789abcdef', lower(substr(tcp_flags, -1, 1))) - 1) END AS flags,
  CASE WHEN proto = 6 AND tcp_seq_raw <> '' THEN CAST(tcp_seq_raw AS INTEGER) END AS seq,
  CASE WHEN proto = 6 AND tcp_ack_raw <> '' THEN CAST(tcp_ack_raw AS INTEGER) END AS ack,
  CASE WHEN proto = 6 AND tcp_len <> '' THEN CAST(tcp_len AS INTEGER) END AS tcp_len,
  (proto = 6 AND retransmission <> '') AS retrans,
  (proto = 6 AND fast_retransmission <> '') AS fast_retrans,
  (proto = 6 AND spurious_retransmission <> '') AS spurious_retrans,
  CASE WHEN proto = 6 AND ack_rtt <> '' THEN
         CAST(substr(ack_rtt, 1, instr(ack_rtt, '.') - 1) AS INTEGER) * 1000000
       + CAST(substr(ack_rtt || '000000', instr(ack_rtt, '.') + 1, 6) AS INTEGER)
       + (substr(ack_rtt || '0000000', instr(ack_rtt, '.') + 7, 1) >= '5') END AS ack_rtt_us,
  CASE WHEN proto = 6 AND acks_frame <> '' THEN CAST(acks_frame AS INTEGER) END AS acks_frame
FROM r;

CREATE INDEX pkt_frame ON pkt(frame);
CREATE INDEX pkt_tuple ON pkt(src, sport, dst, dport);

-- Every IPv4 address of the trace with its 32-bit value, for prefix matching (sketch_gen).
CREATE TABLE addr4 AS
WITH a AS (
  SELECT DISTINCT dst AS addr FROM pkt WHERE family = 4
  UNION SELECT DISTINCT src FROM pkt WHERE family = 4
),
o1 AS (SELECT addr, instr(addr, '.') AS d1, substr(addr, instr(addr, '.') + 1) AS r1 FROM a),
o2 AS (SELECT *, instr(r1, '.') AS d2, substr(r1, instr(r1, '.') + 1) AS r2 FROM o1),
o3 AS (SELECT *, instr(r2, '.') AS d3 FROM o2)
SELECT addr,
       CAST(substr(addr, 1, d1 - 1) AS INTEGER) * 16777216
     + CAST(substr(r1, 1, d2 - 1) AS INTEGER) * 65536
     + CAST(substr(r2, 1, d3 - 1) AS INTEGER) * 256
     + CAST(substr(r2, d3 + 1) AS INTEGER) AS value
FROM o3;
CREATE UNIQUE INDEX addr4_addr ON addr4(addr);
