-- cryptomining: per window and (source, destination) pair, the number of IP packets and their
-- timestamps in ascending order (ties in capture order), ';'-separated.
-- Parameters: :window_us, :min_packets (packets >= min_packets), :all (1 = every pair).
SELECT window_start_us, src, dst, count(*) AS packets, group_concat(ts_us, ';') AS timestamps
FROM (
  SELECT (ts_us / :window_us) * :window_us AS window_start_us, src, dst, ts_us
  FROM pkt
  ORDER BY ts_us, frame
)
GROUP BY window_start_us, src, dst
HAVING :all = 1 OR count(*) >= :min_packets
ORDER BY window_start_us, src, dst;
