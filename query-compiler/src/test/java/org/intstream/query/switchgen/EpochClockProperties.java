package org.intstream.query.switchgen;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The switch's division-free epoch equals floor(now / window) over the whole supported range. */
class EpochClockProperties {
    @Property(tries = 3000)
    void reciprocalEpochIsFloorDivision(@ForAll @LongRange(min = 0, max = (1L << 52) - 1) long now,
            @ForAll @LongRange(min = EpochClock.MIN_WINDOW_MICROS, max = EpochClock.MAX_WINDOW_MICROS) long window) {
        assertThat(EpochClock.switchEpoch(now, window)).isEqualTo((now / window) & 0xFFFFFFFFL);
    }

    @Property(tries = 1000)
    void exactAtWindowBoundaries(@ForAll @LongRange(min = 1, max = 1L << 22) long k,
            @ForAll @LongRange(min = EpochClock.MIN_WINDOW_MICROS, max = 60_000_000) long window) {
        long boundary = k * window;
        assertThat(EpochClock.switchEpoch(boundary, window)).isEqualTo(k);
        assertThat(EpochClock.switchEpoch(boundary - 1, window)).isEqualTo(k - 1);
    }
}
