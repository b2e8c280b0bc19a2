-- ddos: per window and destination, the distinct sources of its IP packets.
-- Parameters: :window_us, :threshold (srcs > threshold), :all (1 = every destination).
SELECT (ts_us / :window_us) * :window_us AS window_start_us, dst, count(DISTINCT src) AS srcs
FROM pkt
GROUP BY window_start_us, dst
HAVING :all = 1 OR count(DISTINCT src) > :threshold
ORDER BY window_start_us, dst;
