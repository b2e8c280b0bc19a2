-- port_scan: per window and source, the distinct destination ports of its TCP packets with SYN set
-- and ACK clear (a server's SYN-ACKs never count).
-- Parameters: :window_us, :threshold (ports > threshold), :all (1 = every source).
SELECT (ts_us / :window_us) * :window_us AS window_start_us, src, count(DISTINCT dport) AS ports
FROM pkt
WHERE proto = 6 AND (flags & 2) = 2 AND (flags & 16) = 0
GROUP BY window_start_us, src
HAVING :all = 1 OR count(DISTINCT dport) > :threshold
ORDER BY window_start_us, src;
