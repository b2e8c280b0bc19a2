-- super_spreader: per window and source, the distinct destinations of its IP packets.
-- Parameters: :window_us, :threshold (dsts > threshold), :all (1 = every source).
SELECT (ts_us / :window_us) * :window_us AS window_start_us, src, count(DISTINCT dst) AS dsts
FROM pkt
GROUP BY window_start_us, src
HAVING :all = 1 OR count(DISTINCT dst) > :threshold
ORDER BY window_start_us, src;
