-- Top-k traffic (top_k.cql), at every instant t of table instants:
--   Load(t): per (srcIP, destIP), Sum(len) as traffic over the packets with colID = 'B' in
--            [Range 20 Minute], i.e. t - 20 min < timestamp <= t.
--   Q(t):    the rows L1 of Load(t) for which the number of rows L2 of Load(t) with a smaller
--            traffic is greater than 0.95 times the number of rows of Load(t). The comparison is
--            exact: count * 100 > 95 * total (0.95 is a decimal literal).
-- Order By traffic does not change a relation's value; run.sh sorts rows by their columns.
CREATE INDEX IF NOT EXISTS packets_link_time ON packets(colID, timestamp);

CREATE TEMP TABLE load_at AS
SELECT i.t AS instant_us, p.srcIP, p.destIP, sum(p.len) AS traffic
FROM instants i
JOIN packets p ON p.colID = 'B' AND p.timestamp > i.t - 1200000000 AND p.timestamp <= i.t
GROUP BY i.t, p.srcIP, p.destIP;
CREATE INDEX load_at_instant ON load_at(instant_us, traffic);

CREATE TEMP VIEW out_Load AS
SELECT instant_us, srcIP, destIP, traffic FROM load_at;

CREATE TEMP VIEW out_Q AS
SELECT L1.instant_us, L1.srcIP, L1.destIP, L1.traffic
FROM load_at AS L1
WHERE (SELECT count(*) FROM load_at AS L2
       WHERE L2.instant_us = L1.instant_us AND L2.traffic < L1.traffic) * 100
    > 95 * (SELECT count(*) FROM load_at AS L3 WHERE L3.instant_us = L1.instant_us);

-- The same condition in binary floating point (0.95 * count as a double): run.sh checks that it
-- selects the same rows, so an engine computing with doubles agrees on these traces.
CREATE TEMP VIEW check_Q_double AS
SELECT L1.instant_us, L1.srcIP, L1.destIP, L1.traffic
FROM load_at AS L1
WHERE (SELECT count(*) FROM load_at AS L2
       WHERE L2.instant_us = L1.instant_us AND L2.traffic < L1.traffic)
    > 0.95 * (SELECT count(*) FROM load_at AS L3 WHERE L3.instant_us = L1.instant_us);
