-- tcp_incomplete_flows: per window and source (the opener), the distinct connections
-- (src, sport, dst, dport) with a SYN (ACK clear) from src in the window after which, in capture
-- order and up to the window's end (ts < window_start + W), no FIN was seen in either direction of
-- that 4-tuple. An RST does not complete a connection. With several SYNs of one connection in the
-- window, the connection counts when any of them is followed by no FIN (i.e. judged by the last).
-- Every source of a TCP packet in the window is a key (incomplete may be 0).
-- Parameters: :window_us, :threshold (incomplete > threshold), :all (1 = every source).
WITH tcp AS (
  SELECT *, (ts_us / :window_us) * :window_us AS w FROM pkt WHERE proto = 6 AND flags IS NOT NULL
),
open_syn AS (
  SELECT DISTINCT s.w, s.src, s.sport, s.dst, s.dport
  FROM tcp s
  WHERE (s.flags & 2) = 2 AND (s.flags & 16) = 0
    AND NOT EXISTS (
      SELECT 1 FROM tcp f
      WHERE (f.flags & 1) = 1 AND f.frame > s.frame AND f.ts_us < s.w + :window_us
        AND ((f.src = s.src AND f.sport = s.sport AND f.dst = s.dst AND f.dport = s.dport)
          OR (f.src = s.dst AND f.sport = s.dport AND f.dst = s.src AND f.dport = s.sport)))
),
counts AS (SELECT w, src, count(*) AS n FROM open_syn GROUP BY w, src),
keys AS (SELECT DISTINCT w, src FROM tcp)
SELECT k.w AS window_start_us, k.src, coalesce(c.n, 0) AS incomplete
FROM keys k LEFT JOIN counts c ON c.w = k.w AND c.src = k.src
WHERE :all = 1 OR coalesce(c.n, 0) > :threshold
ORDER BY window_start_us, k.src;
