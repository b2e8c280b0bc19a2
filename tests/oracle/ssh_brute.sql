-- ssh_brute: per window and destination, the distinct (source, wire length) pairs of the TCP
-- packets sent to its port 22.
-- Parameters: :window_us, :threshold (pairs > threshold), :all (1 = every destination).
SELECT window_start_us, dst, count(*) AS pairs
FROM (
  SELECT DISTINCT (ts_us / :window_us) * :window_us AS window_start_us, dst, src, len
  FROM pkt
  WHERE proto = 6 AND dport = 22
)
GROUP BY window_start_us, dst
HAVING :all = 1 OR count(*) > :threshold
ORDER BY window_start_us, dst;
