-- sketch_gen: per window and source, the packets whose IPv4 destination lies in the prefix
-- :prefix_addr/:prefix_len (address as a 32-bit integer); these exact counts are what a count-min
-- sketch estimates. An IPv4 prefix, 0.0.0.0/0 included, matches IPv4 destinations only.
-- Parameters: :window_us, :prefix_addr, :prefix_len. Every key is reported (:all changes nothing).
SELECT (p.ts_us / :window_us) * :window_us AS window_start_us, p.src, count(*) AS packets
FROM pkt p JOIN addr4 a ON a.addr = p.dst
WHERE p.family = 4
  AND (a.value >> (32 - :prefix_len)) = (:prefix_addr >> (32 - :prefix_len))
GROUP BY window_start_us, p.src
ORDER BY window_start_us, p.src;
