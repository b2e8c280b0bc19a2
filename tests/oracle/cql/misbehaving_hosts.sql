-- Misbehaving hosts (misbehaving_hosts.cql).
-- DelayedSynStream: Dstream(*) of Packets [Range 2 Minute] where isSyn(flags) (flags & 0x02; absent
--   flags are never SYN): a packet leaves the window at timestamp + 2 min and is emitted then, with
--   all its columns; its timestamp column keeps the capture time (the emission instant is
--   instant_us).
-- MisbehavingSyn: the DelayedSynStream tuples S emitted at t ([Now]) for which, in Packets
--   [Range 2 Minute] at t (t - 2 min < timestamp <= t), some packet has SYN and ACK set and goes
--   the reverse way (srcIP, srcPort = S.destIP, S.destPort and destIP, destPort = S.srcIP,
--   S.srcPort), and no packet with ACK set goes S's way. Non-empty only at emission instants; the
--   value at any instant of table instants is the set below restricted to that instant.
CREATE INDEX IF NOT EXISTS packets_direction ON packets(srcIP, srcPort, destIP, destPort, timestamp);

CREATE TEMP VIEW out_DelayedSynStream AS
SELECT timestamp + 120000000 AS instant_us,
  srcIP, destIP, srcPort, destPort, protocol, len, flags, timestamp, id, colID
FROM packets
WHERE flags & 2;

CREATE TEMP TABLE misbehaving_syn AS
SELECT S.*
FROM out_DelayedSynStream AS S
WHERE EXISTS (SELECT * FROM packets AS P1
              WHERE P1.timestamp > S.instant_us - 120000000 AND P1.timestamp <= S.instant_us
                AND P1.flags & 2 AND P1.flags & 16
                AND P1.srcIP = S.destIP AND P1.srcPort = S.destPort
                AND P1.destIP = S.srcIP AND P1.destPort = S.srcPort)
  AND NOT EXISTS (SELECT * FROM packets AS P2
                  WHERE P2.timestamp > S.instant_us - 120000000 AND P2.timestamp <= S.instant_us
                    AND P2.flags & 16
                    AND P2.srcIP = S.srcIP AND P2.srcPort = S.srcPort
                    AND P2.destIP = S.destIP AND P2.destPort = S.destPort);

CREATE TEMP VIEW out_MisbehavingSyn AS SELECT * FROM misbehaving_syn;
-- The instants at which MisbehavingSyn is not empty (run.sh adds them to instants.txt).
CREATE TEMP VIEW nonempty_MisbehavingSyn AS SELECT DISTINCT instant_us FROM misbehaving_syn;
