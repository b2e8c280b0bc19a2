package org.intstream.controller.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayClockTest {
    private long wallMillis = 5_000;

    @Test
    void reported() {
        ReplayClock c = new ReplayClock(1_000_000_000L, () -> wallMillis);
        assertThat(c.nowMicros()).as("the capture's start").isEqualTo(1_000_000_000L);
        wallMillis += 2;
        assertThat(c.nowMicros()).as("a replay runs at least at capture speed").isEqualTo(1_000_002_000L);
        c.reported(1_000_500_000L);
        assertThat(c.nowMicros()).isEqualTo(1_000_500_000L);
        // A report older than what the clock already knows does not move it back.
        c.reported(1_000_100_000L);
        wallMillis += 1;
        assertThat(c.nowMicros()).isEqualTo(1_000_501_000L);
    }
}
