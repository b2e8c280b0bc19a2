-- syn_flood: per window and destination (the server), half_open = syns - completed, where
--   syns      = TCP packets to it with SYN set and ACK clear in the window;
--   completed = handshake-completing ACKs to it in the window: for each SYN-ACK seen from the
--               server (server address and port, client address and port, server ISN = its
--               tcp.seq), the first later packet (in capture order) from that client port to that
--               server port with ACK set, SYN clear and tcp.ack = ISN + 1 (mod 2^32). A retransmitted
--               SYN-ACK carries the same ISN and yields no second completion.
-- Every destination of a TCP packet in the window is a key (half_open may be 0 or negative there).
-- Parameters: :window_us, :threshold (half_open > threshold), :all (1 = every destination).
WITH tcp AS (
  SELECT *, (ts_us / :window_us) * :window_us AS w FROM pkt WHERE proto = 6 AND flags IS NOT NULL
),
synack AS (
  SELECT src AS server, sport AS server_port, dst AS client, dport AS client_port, seq AS isn,
         min(frame) AS first_frame
  FROM tcp
  WHERE (flags & 18) = 18
  GROUP BY server, server_port, client, client_port, isn
),
completion AS (
  SELECT (SELECT min(p.frame) FROM tcp p
          WHERE p.src = s.client AND p.sport = s.client_port
            AND p.dst = s.server AND p.dport = s.server_port
            AND (p.flags & 16) = 16 AND (p.flags & 2) = 0
            AND p.ack = (s.isn + 1) % 4294967296
            AND p.frame > s.first_frame) AS frame
  FROM synack s
),
completed AS (
  SELECT t.w, t.dst, count(*) AS n
  FROM completion c JOIN tcp t ON t.frame = c.frame
  GROUP BY t.w, t.dst
),
syns AS (
  SELECT w, dst, sum((flags & 2) = 2 AND (flags & 16) = 0) AS n
  FROM tcp
  GROUP BY w, dst
)
SELECT s.w AS window_start_us, s.dst, s.n - coalesce(c.n, 0) AS half_open
FROM syns s LEFT JOIN completed c ON c.w = s.w AND c.dst = s.dst
WHERE :all = 1 OR s.n - coalesce(c.n, 0) > :threshold
ORDER BY window_start_us, s.dst;
