-- tcp_new_conn: per window and destination, the TCP packets with SYN set and ACK clear.
-- Parameters: :window_us, :threshold (conns > threshold), :all (1 = every destination).
SELECT (ts_us / :window_us) * :window_us AS window_start_us, dst, count(*) AS conns
FROM pkt
WHERE proto = 6 AND (flags & 2) = 2 AND (flags & 16) = 0
GROUP BY window_start_us, dst
HAVING :all = 1 OR count(*) > :threshold
ORDER BY window_start_us, dst;
