-- slowloris: per window and destination of TCP packets, conns = distinct (source, source port),
-- bytes = sum of wire lengths, rate = bytes / conns / window length in seconds.
-- rate is printed with 6 decimals, from the exact quotient rounded half up (integer arithmetic);
-- the report condition compares exactly: rate < :threshold  <=>  bytes < threshold * conns * W_s.
-- Parameters: :window_us (a whole number of seconds), :threshold, :min_conns (conns >= min_conns),
-- :all (1 = every destination).
WITH agg AS (
  SELECT (ts_us / :window_us) * :window_us AS window_start_us, dst,
         count(DISTINCT src || '|' || sport) AS conns, sum(len) AS bytes
  FROM pkt
  WHERE proto = 6
  GROUP BY window_start_us, dst
),
scaled AS (
  SELECT *, (2 * bytes * 1000000 + conns * (:window_us / 1000000))
            / (2 * conns * (:window_us / 1000000)) AS rate_micro
  FROM agg
)
SELECT window_start_us, dst, conns, bytes,
       (rate_micro / 1000000) || '.' || printf('%06d', rate_micro % 1000000) AS rate
FROM scaled
WHERE :all = 1 OR (bytes < :threshold * conns * (:window_us / 1000000) AND conns >= :min_conns)
ORDER BY window_start_us, dst;
