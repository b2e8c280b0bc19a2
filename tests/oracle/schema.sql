-- The raw export of export.sh, one text column per tshark field, in export.sh's order.
CREATE TABLE raw (
  frame_number TEXT, time_epoch TEXT, frame_len TEXT,
  ip_src TEXT, ip_dst TEXT, ip_proto TEXT, ip_mf TEXT, ip_frag_offset TEXT,
  ipv6_src TEXT, ipv6_dst TEXT, ipv6_nxt TEXT,
  tcp_srcport TEXT, tcp_dstport TEXT, udp_srcport TEXT, udp_dstport TEXT,
  tcp_flags TEXT, tcp_seq_raw TEXT, tcp_ack_raw TEXT, tcp_len TEXT,
  retransmission TEXT, fast_retransmission TEXT, spurious_retransmission TEXT,
  ack_rtt TEXT, acks_frame TEXT
);
