package org.intstream.controller.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.intstream.query.partition.SwitchStage;
import org.junit.jupiter.api.Test;

/**
 * ClockProber against a simulated switch whose clock runs a known amount behind the controller's, with
 * chosen one-way delays per probe: the offset comes out within the stated bound, the shortest round trip
 * decides, lost probes are skipped, and the probe slot is always removed.
 */
class ClockProberTest {
    /** The controller's wall clock when the switch's clock reads 0. */
    private static final long SWITCH_EPOCH = 1_790_000_000_000_000L;

    private final AtomicLong wall = new AtomicLong(SWITCH_EPOCH + 5_000_000);
    private final ClockProber prober = new ClockProber(wall::get);

    /** A switch answering probe i after outbound delay out[i] and inbound delay back[i]; a negative out loses it. */
    private final class SimulatedSwitch implements ClockProbeTarget {
        final long[] out;
        final long[] back;
        final long offsetInForce;
        final List<String> calls = new ArrayList<>();
        int sent;

        SimulatedSwitch(long offsetInForce, long[] out, long[] back) {
            this.offsetInForce = offsetInForce;
            this.out = out;
            this.back = back;
        }

        @Override
        public void installProbeSlot(SwitchStage stage) {
            assertThat(stage.query()).isEqualTo(ClockProber.PROBE_SLOT);
            calls.add("install");
        }

        @Override
        public void removeProbeSlot() {
            calls.add("remove");
        }

        @Override
        public void sendThroughTables(byte[] frame) {
            int i = sent++;
            if (out[i] < 0) {
                return; // lost: no report
            }
            wall.addAndGet(out[i]);
            long stamped = wall.get() - SWITCH_EPOCH + offsetInForce; // the switch's clock plus its offset
            byte[] report = ReportDecoderTest.reportFrame(1, 255, stamped, frame, 0, frame.length);
            wall.addAndGet(back[i]);
            assertThat(prober.offer(report)).isTrue();
        }

        @Override
        public long clockOffsetMicros() {
            return offsetInForce;
        }
    }

    @Test
    void theShortestRoundTripGivesTheOffsetWithinHalfOfIt() {
        // Asymmetric delays: the estimate is off by half the asymmetry, never more than the bound.
        SimulatedSwitch sw = new SimulatedSwitch(0, new long[] {900, 150, 40, 700}, new long[] {100, 150, 220, 50});
        ClockCalibration c = prober.calibrate(sw, 4, 50);
        assertThat(c.probesAnswered()).isEqualTo(4);
        assertThat(c.skewBoundMicros()).isEqualTo(130); // probe 2: 40 + 220 = 260 round trip
        assertThat(Math.abs(c.offsetMicros() - SWITCH_EPOCH)).isLessThanOrEqualTo(c.skewBoundMicros());
        assertThat(c.offsetMicros()).isEqualTo(SWITCH_EPOCH + 90); // midpoint 130 after sending, stamped at 40
        assertThat(sw.calls).containsExactly("install", "remove");
    }

    @Test
    void anOffsetAlreadyInForceIsCorrectedNotAddedTwice() {
        long old = SWITCH_EPOCH - 2_000;
        SimulatedSwitch sw = new SimulatedSwitch(old, new long[] {50, 50}, new long[] {50, 50});
        ClockCalibration c = prober.calibrate(sw, 2, 50);
        assertThat(c.offsetMicros()).isEqualTo(SWITCH_EPOCH);
        assertThat(c.correctionMicros()).isEqualTo(2_000);
    }

    @Test
    void lostProbesAreSkippedAndNoAnswerAtAllIsAnError() {
        SimulatedSwitch someLost = new SimulatedSwitch(0, new long[] {-1, 80, -1}, new long[] {0, 80, 0});
        ClockCalibration c = prober.calibrate(someLost, 3, 20);
        assertThat(c.probesSent()).isEqualTo(3);
        assertThat(c.probesAnswered()).isEqualTo(1);
        assertThat(c.skewBoundMicros()).isEqualTo(80);

        SimulatedSwitch silent = new SimulatedSwitch(0, new long[] {-1, -1}, new long[] {0, 0});
        assertThatThrownBy(() -> prober.calibrate(silent, 2, 20)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("none of 2 clock probes was answered within 20 ms each");
        assertThat(silent.calls).as("the slot goes even when nothing answered").containsExactly("install", "remove");
    }

    @Test
    void onlyProbeReportsAreTaken() {
        byte[] probe = ClockProber.probeFrame(0xC6120005);
        assertThat(ClockProber.probeSource(ReportDecoderTest.reportFrame(1, 1, 7, probe, 0, probe.length)))
                .isEqualTo(0xC6120005);
        byte[] other = probe.clone();
        other[14 + 9] = 6; // TCP, not the probes' protocol
        assertThat(prober.offer(ReportDecoderTest.reportFrame(1, 1, 7, other, 0, other.length))).isFalse();
        assertThat(prober.offer(probe)).as("a punted frame is not a report").isFalse();
        assertThat(prober.offer(new byte[3])).isFalse();
    }
}
