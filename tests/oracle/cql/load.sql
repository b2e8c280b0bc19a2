-- Appends the trace in table raw (one export.sh output) to packets with colID = :colID, then
-- empties raw for the next trace. Only IPv4 and IPv6 frames are kept (ARP is not in Packets).
--   timestamp: frame.time_epoch (decimal seconds, 9 digits) to integer microseconds by string
--              arithmetic, rounded half up on the 7th decimal (pcap timestamps are whole
--              microseconds, so this never rounds in practice). No floating point.
--   srcIP/destIP: tshark's text (dotted quads; IPv6 in RFC 5952 form).
--   protocol:  ip.proto for IPv4, the fixed header's Next Header (ipv6.nxt) for IPv6.
--   srcPort/destPort: TCP ports when protocol = 6, UDP ports when 17, else absent (an ICMP error
--              quoting a UDP header has tshark fields for the quoted ports: they are not the
--              packet's); absent too on non-first fragments.
--   flags:     the TCP flags byte (tcp.flags is printed as 12 bits in hex, e.g. 0x0012; the byte is
--              its low 8 bits), absent for non-TCP.
--   id:        docs/cql.md: srcIP|destIP|protocol|IPv4 identification (decimal)|srcPort|destPort|
--              TCP seq|TCP ack (raw, decimal)|payload length (TCP payload, or UDP length - 8),
--              absent fields empty.
INSERT INTO packets
WITH r AS (
  SELECT
    CAST(frame_number AS INTEGER) AS frame,
    time_epoch AS t,
    CAST(frame_len AS INTEGER) AS len,
    CASE WHEN ip_src <> '' THEN ip_src ELSE ipv6_src END AS src,
    CASE WHEN ip_src <> '' THEN ip_dst ELSE ipv6_dst END AS dst,
    CASE WHEN ip_src <> '' THEN CAST(ip_proto AS INTEGER) ELSE CAST(ipv6_nxt AS INTEGER) END AS proto,
    CASE WHEN ip_src <> '' AND ip_id <> '' THEN lower(ip_id) END AS ip_id_hex,
    tcp_srcport, tcp_dstport, udp_srcport, udp_dstport, tcp_flags, tcp_seq_raw, tcp_ack_raw,
    tcp_len, udp_length
  FROM raw
  WHERE ip_src <> '' OR ipv6_src <> ''
),
typed AS (
  SELECT
    frame, len, src, dst, proto,
    CAST(substr(t, 1, instr(t, '.') - 1) AS INTEGER) * 1000000
      + CAST(substr(t || '000000', instr(t, '.') + 1, 6) AS INTEGER)
      + (substr(t || '0000000', instr(t, '.') + 7, 1) >= '5') AS ts,
    -- ip.id is printed as 0xHHHH
    (instr('0123456789abcdef', substr(ip_id_hex, 3, 1)) - 1) * 4096
      + (instr('0123456789abcdef', substr(ip_id_hex, 4, 1)) - 1) * 256
      + (instr('0123456789abcdef', substr(ip_id_hex, 5, 1)) - 1) * 16
      + (instr('0123456789abcdef', substr(ip_id_hex, 6, 1)) - 1) AS ip_id,
    CASE WHEN proto = 6 AND tcp_srcport <> '' THEN CAST(tcp_srcport AS INTEGER)
         WHEN proto = 17 AND udp_srcport <> '' THEN CAST(udp_srcport AS INTEGER) END AS sport,
    CASE WHEN proto = 6 AND tcp_dstport <> '' THEN CAST(tcp_dstport AS INTEGER)
         WHEN proto = 17 AND udp_dstport <> '' THEN CAST(udp_dstport AS INTEGER) END AS dport,
    CASE WHEN proto = 6 AND tcp_flags <> '' THEN
           ((instr('0123456789abcdef', lower(substr(tcp_flags, -3, 1))) - 1) * 256
          + (instr('0123456789abcdef', lower(substr(tcp_flags, -2, 1))) - 1) * 16
          + (instr('0123456789abcdef', lower(substr(tcp_flags, -1, 1))) - 1)) & 255 END AS flags,
    CASE WHEN proto = 6 AND tcp_seq_raw <> '' THEN CAST(tcp_seq_raw AS INTEGER) END AS seq,
    CASE WHEN proto = 6 AND tcp_ack_raw <> '' THEN CAST(tcp_ack_raw AS INTEGER) END AS ack,
    CASE WHEN proto = 6 AND tcp_len <> '' THEN CAST(tcp_len AS INTEGER)
         WHEN proto = 17 AND udp_length <> '' THEN CAST(udp_length AS INTEGER) - 8 END AS payload_len
  FROM r
)
SELECT :colID, frame, src, dst, sport, dport, proto, len, flags, ts,
  src || '|' || dst || '|' || proto || '|' || ifnull(ip_id, '') || '|' || ifnull(sport, '') || '|'
    || ifnull(dport, '') || '|' || ifnull(seq, '') || '|' || ifnull(ack, '') || '|' || ifnull(payload_len, '')
FROM typed;
DELETE FROM raw;
