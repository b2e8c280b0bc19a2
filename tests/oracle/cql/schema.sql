-- The raw export of export.sh, one text column per tshark field, in export.sh's order.
CREATE TABLE raw (
  frame_number TEXT, time_epoch TEXT, frame_len TEXT,
  ip_src TEXT, ip_dst TEXT, ip_proto TEXT, ip_id TEXT,
  ipv6_src TEXT, ipv6_dst TEXT, ipv6_nxt TEXT,
  tcp_srcport TEXT, tcp_dstport TEXT, udp_srcport TEXT, udp_dstport TEXT,
  tcp_flags TEXT, tcp_seq_raw TEXT, tcp_ack_raw TEXT, tcp_len TEXT, udp_length TEXT
);

-- The Packets stream of docs/cql.md, every trace of a run: one row per IPv4/IPv6 frame.
-- colID is the trace's name (NAME of --trace NAME=FILE), frame its frame number in that trace.
CREATE TABLE packets (
  colID TEXT NOT NULL, frame INTEGER NOT NULL,
  srcIP TEXT NOT NULL, destIP TEXT NOT NULL, srcPort INTEGER, destPort INTEGER,
  protocol INTEGER NOT NULL, len INTEGER NOT NULL, flags INTEGER,
  timestamp INTEGER NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (colID, frame)
);
