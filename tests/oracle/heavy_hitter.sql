-- heavy_hitter: per window and source, the sum of wire lengths (frame.len) of its IP packets.
-- Parameters: :window_us, :threshold (bytes > threshold), :all (1 = every source).
SELECT (ts_us / :window_us) * :window_us AS window_start_us, src, sum(len) AS bytes
FROM pkt
GROUP BY window_start_us, src
HAVING :all = 1 OR sum(len) > :threshold
ORDER BY window_start_us, src;
