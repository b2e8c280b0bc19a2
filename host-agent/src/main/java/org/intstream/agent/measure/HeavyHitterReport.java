package org.intstream.agent.measure;

import java.util.Map;

/**
 * A counter's heavy hitters: each key's count-min estimate, largest first, for every key whose estimate is
 * at least {@code threshold} of {@code total}. Estimates never under-count, so no key whose exact count
 * reaches the threshold is missing; a key may be over-counted by up to {@code errorBound} (the sketch's
 * e/width bound, which holds with the sketch's confidence), and may be listed because of it.
 *
 * @param hitters key text to estimate, in descending order of estimate, then key text
 * @param total the exact sum of every amount the counter added
 * @param errorBound the over-count bound of one estimate
 * @param threshold the fraction of the total that was asked for
 */
public record HeavyHitterReport(Map<String, Long> hitters, long total, long errorBound, double threshold) {
}
