package org.intstream.agent.measure;

import java.util.Map;
import java.util.Set;

/**
 * A copy of one counter's state, for merging with other agents' counters of the same configuration (the
 * overlay tree): count-min cells add up cell by cell when shape and hashes are equal, candidates unite (a key
 * at or above a fraction of the summed total is at or above it at one agent at least), real-time amounts add.
 *
 * @param cells the count-min cells, rows by width
 * @param total the exact sum of every amount counted
 * @param candidates the heavy-hitter candidate keys
 * @param realTime the real-time window's exact amounts per key
 * @param untrackedPackets packets of the real-time window not counted for lack of room
 * @param realTimeWindowMicros how far back the real-time counter looks
 */
public record CounterContents(long[][] cells, long total, Set<Long> candidates, Map<Long, Long> realTime,
        long untrackedPackets, long realTimeWindowMicros) {
}
