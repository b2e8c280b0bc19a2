-- Customer monitoring (customer_monitoring.cql), at every instant t of table instants:
--   numerator:   Count(*) of the join of B = Packets [Range 60 Minute] (t - 60 min < timestamp <= t)
--                with C = Packets without a window, i.e. unbounded (timestamp <= t), on
--                B.colID = 'B' and C.colID = 'C' and C.id = B.id. A bag join: a B packet whose id
--                occurs k times on link C counts k times (retransmitted SYN-ACKs share an id).
--   denominator: Count(*) of the packets with colID = 'B' in [Range 60 Minute].
--   ratio:       numerator / denominator as an exact rational, printed with 6 decimals rounded half
--                up; absent (empty) when the denominator is 0.
CREATE INDEX IF NOT EXISTS packets_id ON packets(id, colID, timestamp);
CREATE INDEX IF NOT EXISTS packets_link_time ON packets(colID, timestamp);

CREATE TEMP TABLE customer_counts AS
SELECT i.t AS instant_us,
  (SELECT count(*) FROM packets AS B JOIN packets AS C ON C.id = B.id
   WHERE B.colID = 'B' AND B.timestamp > i.t - 3600000000 AND B.timestamp <= i.t
     AND C.colID = 'C' AND C.timestamp <= i.t) AS numerator,
  (SELECT count(*) FROM packets AS B
   WHERE B.colID = 'B' AND B.timestamp > i.t - 3600000000 AND B.timestamp <= i.t) AS denominator
FROM instants i;

CREATE TEMP VIEW out_result AS
SELECT instant_us,
  -- scaled = round(ratio * 10^6) half up, in integers; || binds tighter than /, hence the brackets
  CASE WHEN denominator > 0 THEN (scaled / 1000000) || '.' || substr('000000' || (scaled % 1000000), -6) END
    AS ratio
FROM (SELECT instant_us, numerator, denominator,
        CASE WHEN denominator > 0 THEN (numerator * 2000000 + denominator) / (2 * denominator) END AS scaled
      FROM customer_counts);
