-- Protocol analysis (protocol_analysis.cql): Rstream over [Range 5 Minute Slide 5 Minute].
-- At each boundary b = k * 5 min the window holds b - 5 min < timestamp <= b, so a packet belongs
-- to the boundary b = ceil(timestamp / 5 min) * 5 min and is emitted there. Per srcIP of the packets
-- with destPort = 80 (TCP or UDP; absent ports never equal 80): Sum(len), Count(*). A boundary
-- whose window holds no such packet emits nothing.
CREATE TEMP VIEW out_result AS
SELECT ((timestamp + 299999999) / 300000000) * 300000000 AS instant_us,
  srcIP, sum(len) AS sum_len, count(*) AS count
FROM packets
WHERE destPort = 80
GROUP BY 1, srcIP;
