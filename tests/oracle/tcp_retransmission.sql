-- tcp_retransmission: per window and directed TCP flow (src, sport, dst, dport):
--   retrans     = frames of that flow in the window that tshark flags tcp.analysis.retransmission
--                 (tshark also sets it on fast and spurious retransmissions, and on SYN/FIN
--                 retransmissions; see README.md);
--   rtt_*       = the tcp.analysis.ack_rtt samples (integer microseconds) carried by frames of the
--                 reverse flow (dst -> src) in the window, i.e. ACKs of this flow's segments,
--                 windowed by the ACK's timestamp: average (6 decimals, exact quotient rounded half
--                 up), minimum, maximum, count. Empty when there is no sample.
--                 Karn's rule: a sample is left out when the segment it times (acks_frame) was
--                 retransmitted before the ACK, i.e. a frame of the same flow flagged as a
--                 retransmission between the two overlaps its sequence range (SYN and FIN count one).
-- Keys: every flow with a TCP frame in the window, plus every flow whose segments an ACK in the
-- window acknowledges with an RTT sample.
-- Parameters: :window_us, :threshold (retrans > threshold), :all (1 = every flow).
WITH tcp AS (
  SELECT *, (ts_us / :window_us) * :window_us AS w FROM pkt WHERE proto = 6 AND sport IS NOT NULL
),
flows AS (
  SELECT w, src, sport, dst, dport, sum(retrans) AS retrans FROM tcp GROUP BY w, src, sport, dst, dport
),
seg AS (
  SELECT frame, src, sport, dst, dport, seq,
         tcp_len + ((flags & 2) = 2) + ((flags & 1) = 1) AS span, retrans
  FROM pkt WHERE proto = 6 AND seq IS NOT NULL
),
karn AS (
  SELECT a.* FROM tcp a JOIN seg o ON o.frame = a.acks_frame
  WHERE a.ack_rtt_us IS NOT NULL
    AND NOT EXISTS (
      SELECT 1 FROM seg r
      WHERE r.retrans AND r.frame > o.frame AND r.frame < a.frame
        AND r.src = o.src AND r.sport = o.sport AND r.dst = o.dst AND r.dport = o.dport
        AND r.seq < o.seq + o.span AND o.seq < r.seq + max(r.span, 1))
),
rtt AS (
  SELECT w, dst AS src, dport AS sport, src AS dst, sport AS dport,
         sum(ack_rtt_us) AS total, min(ack_rtt_us) AS lo, max(ack_rtt_us) AS hi, count(*) AS n
  FROM karn
  GROUP BY w, dst, dport, src, sport
),
keys AS (
  SELECT w, src, sport, dst, dport FROM flows
  UNION
  SELECT w, src, sport, dst, dport FROM rtt
),
joined AS (
  SELECT k.w, k.src, k.sport, k.dst, k.dport, coalesce(f.retrans, 0) AS retrans,
         r.total, r.lo, r.hi, coalesce(r.n, 0) AS n,
         CASE WHEN r.n > 0 THEN (2 * r.total * 1000000 + r.n) / (2 * r.n) END AS avg_micro
  FROM keys k
  LEFT JOIN flows f ON f.w = k.w AND f.src = k.src AND f.sport = k.sport AND f.dst = k.dst AND f.dport = k.dport
  LEFT JOIN rtt r ON r.w = k.w AND r.src = k.src AND r.sport = k.sport AND r.dst = k.dst AND r.dport = k.dport
)
SELECT w AS window_start_us, src, sport, dst, dport, retrans,
       CASE WHEN n > 0 THEN (avg_micro / 1000000) || '.' || printf('%06d', avg_micro % 1000000) END
         AS rtt_avg_us,
       lo AS rtt_min_us, hi AS rtt_max_us, n AS rtt_samples
FROM joined
WHERE :all = 1 OR retrans > :threshold
ORDER BY window_start_us, src, sport, dst, dport;
