-- Source monitoring (source_monitoring.cql).
-- Q1: Rstream over Packets [Range 1 Minute Slide 1 Minute] grouped by srcIP: at each boundary
--     b = k * 1 min, Count(*) as num over b - 1 min < timestamp <= b, so a packet counts at
--     b = ceil(timestamp / 1 min) * 1 min. Each emitted tuple has timestamp b.
-- Q2: Rstream over Q1 [Range 10 Minute Slide 1 Minute] grouped by srcIP: at each boundary b2, the
--     Q1 tuples with b2 - 10 min < b <= b2 (the tuples Q1 emits at b2 itself included); boundaries
--     run from Q1's first to 9 minutes after its last (the last window that still holds a tuple).
--     ExpDecAvg(num) over the values x1..xn in timestamp order, at most the last 10:
--     sum(2^-(n-i) * xi) / sum(2^-(n-i)), computed exactly with integer weights 2^(10-k) for the
--     k-th newest value (the common factor cancels) and printed with 6 decimals rounded half up.
CREATE TEMP TABLE q1 AS
SELECT ((timestamp + 59999999) / 60000000) * 60000000 AS instant_us, srcIP, count(*) AS num
FROM packets
GROUP BY 1, srcIP;

CREATE TEMP VIEW out_Q1 AS SELECT instant_us, srcIP, num FROM q1;

CREATE TEMP TABLE q2_values AS
WITH RECURSIVE boundary(b) AS (
  SELECT min(instant_us) FROM q1
  UNION ALL
  SELECT b + 60000000 FROM boundary WHERE b + 60000000 <= (SELECT max(instant_us) + 540000000 FROM q1)
),
in_window AS (
  SELECT boundary.b, q1.srcIP, q1.num,
    row_number() OVER (PARTITION BY boundary.b, q1.srcIP ORDER BY q1.instant_us DESC) AS newest_rank
  FROM boundary
  JOIN q1 ON q1.instant_us > boundary.b - 600000000 AND q1.instant_us <= boundary.b
)
SELECT b AS instant_us, srcIP,
  sum((1 << (10 - newest_rank)) * num) AS weighted_sum,
  sum(1 << (10 - newest_rank)) AS weight_sum
FROM in_window
WHERE newest_rank <= 10
GROUP BY b, srcIP;

CREATE TEMP VIEW out_Q2 AS
SELECT instant_us, srcIP,
  -- scaled = round(average * 10^6) half up, in integers; || binds tighter than /, hence the brackets
  (scaled / 1000000) || '.' || substr('000000' || (scaled % 1000000), -6) AS expdecavg_num
FROM (SELECT instant_us, srcIP, (weighted_sum * 2000000 + weight_sum) / (2 * weight_sum) AS scaled
      FROM q2_values);
