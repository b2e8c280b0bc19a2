package org.intstream.controller.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.intstream.query.partition.SwitchStage;
import org.junit.jupiter.api.Test;

/**
 * The local threshold over k switches: every way of splitting a count over T among k switches leaves some
 * switch over it (so candidates are complete), and no larger threshold has that property. Checked over every
 * split of small counts.
 */
class LocalThresholdTest {

    @Test
    void everyKeyOverTheThresholdIsOverTheLocalOneSomewhere() {
        for (int k = 1; k <= 4; k++) {
            for (int t = 0; t <= 24; t++) {
                long local = LocalThreshold.of(t, k);
                assertThat(missed(t, k, local)).as("T=%d k=%d local %d", t, k, local).isNull();
                assertThat(missed(t, k, local + 1)).as("T=%d k=%d: local %d is the largest that works", t, k, local)
                        .isNotNull();
            }
        }
    }

    /** With strict comparisons, ceil(T/k) misses keys: 4 + 4 + 3 = 11 > 10 with no switch over 4. */
    @Test
    void ceilingOfTOverKMissesKeysWithStrictComparisons() {
        assertThat(LocalThreshold.of(10, 3)).isEqualTo(3);
        assertThat(missed(10, 3, 4)).as("a split with no switch over ceil(10/3)").isNotNull();
        assertThat(missed(10, 3, 3)).isNull();
    }

    @Test
    void noThresholdStaysAndBadArgumentsAreRefused() {
        assertThat(LocalThreshold.of(SwitchStage.NO_THRESHOLD, 3)).isEqualTo(SwitchStage.NO_THRESHOLD);
        assertThat(LocalThreshold.of(2, 3)).isZero();
        assertThatThrownBy(() -> LocalThreshold.of(40, 0)).hasMessage(
                "a threshold is split over at least one switch, not 0");
        assertThatThrownBy(() -> LocalThreshold.of(-1, 2)).hasMessage("a threshold can't be negative: -1");
    }

    /** A split of a count over t among k switches with no switch over local, or null if there is none. */
    private static int[] missed(int t, int k, long local) {
        int[] c = new int[k];
        return search(c, 0, t, local);
    }

    private static int[] search(int[] c, int i, int t, long local) {
        if (i == c.length) {
            int sum = 0;
            for (int v : c) {
                sum += v;
            }
            return sum > t ? c.clone() : null;
        }
        for (int v = (int) Math.min(local, t + 1); v >= 0; v--) {
            c[i] = v;
            int[] found = search(c, i + 1, t, local);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
