package org.intstream.controller.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClockCalibrationTest {
    /** A BMv2 started 1000 s before Unix time 1_700_000_000 s: its clock reads 1000 s at that moment. */
    private static final long START = 1_699_999_000_000_000L;

    @Test
    void theShortestRoundTripGivesTheOffsetAndHalfOfItTheBound() {
        long offsetInForce = 5_000_000; // wrong by about 1.7e15 us
        // The switch stamps each probe at a true time inside its round trip, not always the middle.
        List<ClockProbe> probes = List.of(
                probe(1_700_000_000_000_000L, 1_700_000_000_004_000L, 1_700_000_000_003_900L, offsetInForce),
                probe(1_700_000_000_010_000L, 1_700_000_000_010_300L, 1_700_000_000_010_100L, offsetInForce),
                probe(1_700_000_000_020_000L, 1_700_000_000_021_000L, 1_700_000_000_020_200L, offsetInForce));
        ClockCalibration c = ClockCalibration.of(probes, 4);
        // The second probe (300 us) was stamped at ..010_100, the estimate is its midpoint ..010_150.
        assertThat(c.offsetMicros()).isEqualTo(START + 50);
        assertThat(c.skewBoundMicros()).isEqualTo(150);
        assertThat(Math.abs(c.offsetMicros() - START)).isLessThanOrEqualTo(c.skewBoundMicros());
        assertThat(c.correctionMicros()).isEqualTo(START + 50 - offsetInForce);
        assertThat(c.probesAnswered()).isEqualTo(3);
        assertThat(c.probesSent()).isEqualTo(4);
        assertThat(c.atMicros()).isEqualTo(1_700_000_000_010_300L);
        assertThat(c.note("s1")).isEqualTo("switch s1: clock calibrated to within 150 us of the controller's (3/4 probes)");
    }

    @Test
    void anOddRoundTripRoundsTheBoundUp() {
        // A switch whose clock read 1 us when the controller's read 1_001 us: offset 1_000.
        ClockCalibration c = ClockCalibration.of(List.of(new ClockProbe(1_000, 1_003, 1, 0)), 1);
        assertThat(c.skewBoundMicros()).isEqualTo(2);
        assertThat(c.offsetMicros()).isEqualTo(1_000);
    }

    @Test
    void theSwitchsReadingIsTakenModuloItsFortyEightBits() {
        // A soft switch on Unix time stamps Unix time modulo 2^48; the offset restores the multiple of 2^48.
        long unix = 1_700_000_000_000_000L;
        long multiple = unix - (unix & ((1L << 48) - 1));
        ClockProbe p = new ClockProbe(unix - 100, unix + 100, unix, multiple);
        assertThat(p.switchClockMicros()).isEqualTo(unix - multiple);
        assertThat(ClockCalibration.of(List.of(p), 1).offsetMicros()).isEqualTo(multiple);
    }

    @Test
    void noAnswerAndReportsBeforeTheirProbeAreRefused() {
        assertThatThrownBy(() -> ClockCalibration.of(List.of(), 8))
                .hasMessage("none of 8 clock probes was answered");
        assertThatThrownBy(() -> new ClockProbe(2_000, 1_000, 1_500, 0)).hasMessageContaining("before it was sent");
    }

    @Test
    void aCalibratedClockFollowsTheWallClockAndKeepsItsLatestMeasurement() {
        CalibratedClock clock = new CalibratedClock(() -> 1_700_000_000_123L);
        assertThat(clock.nowMicros()).isEqualTo(1_700_000_000_123_000L);
        assertThat(clock.calibration()).isNull();
        clock.failed("no free slot");
        assertThat(clock.problem()).isEqualTo("no free slot");
        ClockCalibration c = ClockCalibration.of(List.of(new ClockProbe(1_000, 1_010, 5, 0)), 1);
        clock.calibrated(c);
        assertThat(clock.calibration()).isSameAs(c);
        assertThat(clock.problem()).isNull();
    }

    /** A probe the switch (started at START) stamped at Unix time {@code stampedAt}. */
    private static ClockProbe probe(long sent, long received, long stampedAt, long offsetInForce) {
        long switchClock = stampedAt - START;
        return new ClockProbe(sent, received, switchClock + offsetInForce, offsetInForce);
    }
}
