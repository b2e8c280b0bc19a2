package org.intstream.agent.measure;

import java.util.Map;

/**
 * A real-time counter's exact amounts per key over its recent window.
 *
 * @param amounts key text to amount, in descending order of amount, then key text
 * @param untrackedPackets packets of the window that were not counted because the counter held its
 *     maximum number of distinct keys; 0 when the answer is complete
 * @param windowMicros how far back the counter looks (rounded out to whole slots of {@code slotMicros})
 * @param slotMicros the counter's time granularity
 */
public record RealTimeReport(Map<String, Long> amounts, long untrackedPackets, long windowMicros, long slotMicros) {
}
