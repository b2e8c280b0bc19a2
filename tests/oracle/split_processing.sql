-- split_processing: per window with at least one IP packet, the number of TCP and of UDP packets
-- (ip.proto / ipv6.nxt 6 and 17; non-first fragments count, having the protocol but no ports).
-- Parameters: :window_us. Every window is reported (:all changes nothing).
SELECT (ts_us / :window_us) * :window_us AS window_start_us,
       sum(proto = 6) AS tcp, sum(proto = 17) AS udp
FROM pkt
GROUP BY window_start_us
ORDER BY window_start_us;
