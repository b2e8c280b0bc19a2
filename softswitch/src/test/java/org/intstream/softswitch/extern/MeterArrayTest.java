package org.intstream.softswitch.extern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The two-rate three-colour meter as BMv2 computes it: buckets start full, refill with the tokens
 * earned since the time origin (truncated), the peak bucket is checked first.
 */
class MeterArrayTest {
    private static final long T0 = 1_700_000_000_000_000L;

    @Test
    void unconfiguredCellsAreGreen() {
        MeterArray m = new MeterArray("m", 2, false);
        for (int i = 0; i < 10; i++) {
            assertThat(m.execute(0, T0, 100)).isEqualTo(MeterArray.GREEN);
        }
    }

    @Test
    void packetsBeyondTheBurstsTurnYellowThenRed() {
        MeterArray m = new MeterArray("m", 1, false);
        // 1 packet/s committed with a burst of 2; 2 packets/s peak with a burst of 3.
        m.configure(0, 1, 2, 2, 3);
        int[] colours = new int[5];
        for (int i = 0; i < 5; i++) {
            colours[i] = m.execute(0, T0, 60);
        }
        // Peak tokens 3,2,1,0: the 4th packet is RED; committed tokens 2,1,0: the 3rd is YELLOW.
        assertThat(colours).containsExactly(MeterArray.GREEN, MeterArray.GREEN, MeterArray.YELLOW, MeterArray.RED,
                MeterArray.RED);
        // One second later: one committed token and two peak tokens are back.
        assertThat(m.execute(0, T0 + 1_000_000, 60)).isEqualTo(MeterArray.GREEN);
        assertThat(m.execute(0, T0 + 1_000_000, 60)).isEqualTo(MeterArray.YELLOW);
        assertThat(m.execute(0, T0 + 1_000_000, 60)).isEqualTo(MeterArray.RED);
    }

    @Test
    void byteMetersCountIngressBytes() {
        MeterArray m = new MeterArray("m", 1, true);
        m.configure(0, 1000, 1500, 2000, 3000);
        assertThat(m.execute(0, T0, 1400)).isEqualTo(MeterArray.GREEN);
        assertThat(m.execute(0, T0, 1400)).isEqualTo(MeterArray.YELLOW);
        assertThat(m.execute(0, T0, 1400)).isEqualTo(MeterArray.RED);
        assertThat(m.config(0)).containsExactly(1000, 1500, 2000, 3000);
        m.reset(0);
        assertThat(m.execute(0, T0, 1400)).isEqualTo(MeterArray.GREEN);
    }

    @Test
    void outOfRangeIndexIsGreen() {
        MeterArray m = new MeterArray("m", 1, false);
        m.configure(0, 0, 0, 0, 0);
        assertThat(m.execute(0, T0, 1)).isEqualTo(MeterArray.RED);
        assertThat(m.execute(5, T0, 1)).isEqualTo(MeterArray.GREEN);
    }
}
