-- Flow information (flow_information.cql).
-- FlowStartIdentifyStream: at each instant t, the packets P1 of Packets [Now] (timestamp = t) with
--   flowStartBit 1 when (P1.srcIP, P1.destIP) is not among the pairs of Packets [Range 2 Minute]
--   with timestamp < P1.timestamp (so t - 2 min < timestamp < t), else 0; the two halves are
--   disjoint and joined as a bag. Read as a stream it is the Istream of that relation: every tuple
--   once, at its packet's timestamp.
-- FlowIdStream: each FlowStartIdentifyStream tuple at t ([Now]) with flowId = the number of
--   FlowStartIdentifyStream tuples of the same pair with flowStartBit = 1 and timestamp <= t
--   (the stream without a window is unbounded; those at t itself included).
-- FlowInformation: at each instant t of table instants, per (srcIP, destIP, flowId) over the
--   FlowIdStream tuples with timestamp <= t: Count(*), Sum(len).
CREATE INDEX IF NOT EXISTS packets_pair_time ON packets(srcIP, destIP, timestamp);

CREATE TEMP TABLE flow_start AS
SELECT P1.*, 1 AS flowStartBit
FROM packets AS P1
WHERE (P1.srcIP, P1.destIP) NOT IN
      (SELECT P2.srcIP, P2.destIP FROM packets AS P2
       WHERE P2.timestamp > P1.timestamp - 120000000 AND P2.timestamp <= P1.timestamp
         AND P2.timestamp < P1.timestamp)
UNION ALL
SELECT P1.*, 0 AS flowStartBit
FROM packets AS P1
WHERE (P1.srcIP, P1.destIP) IN
      (SELECT P2.srcIP, P2.destIP FROM packets AS P2
       WHERE P2.timestamp > P1.timestamp - 120000000 AND P2.timestamp <= P1.timestamp
         AND P2.timestamp < P1.timestamp);
CREATE INDEX flow_start_pair ON flow_start(srcIP, destIP, flowStartBit, timestamp);

CREATE TEMP VIEW out_FlowStartIdentifyStream AS
SELECT timestamp AS instant_us, srcIP, destIP, srcPort, destPort, protocol, len, flags, timestamp,
  id, colID, flowStartBit
FROM flow_start;

CREATE TEMP TABLE flow_id AS
SELECT P1.*, I.flowId
FROM flow_start AS P1
JOIN (SELECT P1b.timestamp AS t, P1b.srcIP, P1b.destIP,
        (SELECT count(*) FROM flow_start AS P2
         WHERE P2.srcIP = P1b.srcIP AND P2.destIP = P1b.destIP AND P2.flowStartBit = 1
           AND P2.timestamp <= P1b.timestamp) AS flowId
      FROM (SELECT DISTINCT timestamp, srcIP, destIP FROM flow_start) AS P1b) AS I
  ON I.t = P1.timestamp AND P1.srcIP = I.srcIP AND P1.destIP = I.destIP;
CREATE INDEX flow_id_time ON flow_id(timestamp);

CREATE TEMP VIEW out_FlowIdStream AS
SELECT timestamp AS instant_us, srcIP, destIP, srcPort, destPort, protocol, len, flags, timestamp,
  id, colID, flowStartBit, flowId
FROM flow_id;

CREATE TEMP VIEW out_FlowInformation AS
SELECT i.t AS instant_us, F.srcIP, F.destIP, F.flowId, count(*) AS count, sum(F.len) AS sum_len
FROM instants i
JOIN flow_id AS F ON F.timestamp <= i.t
GROUP BY i.t, F.srcIP, F.destIP, F.flowId;
