package org.intstream.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact forms of partial-result values: round trips, the shorter difference order, damage named. */
class PackedValuesTest {
    @Test
    void integersRoundTripInTheShorterOrder() {
        List<Long> steady = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            steady.add(1_795_381_580_000_000L + 500_000L * i);
        }
        byte[] packed = PackedIntegers.pack(steady);
        assertThat(packed[0]).as("steady keep-alives in second differences").isEqualTo((byte) 2);
        assertThat(packed.length).as("a byte per steady timestamp, not three").isLessThan(steady.size() + 15);
        assertThat(PackedIntegers.unpack(packed)).isEqualTo(steady);

        List<Long> irregular = List.of(100L, 103L, 101L, -5L, Long.MAX_VALUE / 4, 0L);
        assertThat(PackedIntegers.unpack(PackedIntegers.pack(irregular))).isEqualTo(irregular);
        assertThat(PackedIntegers.pack(List.of(100L, 103L, 101L))).containsExactly(1, 200, 1, 6, 3);

        Random r = new Random(7);
        List<Long> random = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            random.add(r.nextLong() >> r.nextInt(64));
        }
        assertThat(PackedIntegers.unpack(PackedIntegers.pack(random))).isEqualTo(random);
    }

    @Test
    void onlyNonEmptyListsOfLongsArePackable() {
        assertThat(PackedIntegers.packable(List.of(1L, 2L))).isTrue();
        assertThat(PackedIntegers.packable(List.of())).isFalse();
        assertThat(PackedIntegers.packable(List.of(1L, "x"))).isFalse();
    }

    @Test
    void damagedIntegersAreNamed() {
        assertThatThrownBy(() -> PackedIntegers.unpack(new byte[] {3, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("packed integers of difference order 3, not 1 or 2");
        assertThatThrownBy(() -> PackedIntegers.unpack(new byte[] {1, 4, (byte) 0x80}))
                .hasMessage("packed integers cut short after 1 values");
        assertThatThrownBy(() -> PackedIntegers.unpack(new byte[] {(byte) 0x80}))
                .hasMessage("packed integers cut short after 0 values");
    }

    @Test
    void sketchCellsRoundTripAsTheNonZeroOnes() {
        long[][] cells = {{0, 7, 0, 0}, {2, 0, 0, 1L << 40}};
        byte[] packed = SparseCells.pack(cells, 4);
        assertThat(packed).startsWith(2, 7, 3, 2);
        assertThat(SparseCells.unpack(packed, 2, 4)).isEqualTo(cells);
        assertThat(SparseCells.unpack(new byte[0], 1, 3)).isEqualTo(new long[][] {{0, 0, 0}});
    }

    @Test
    void damagedCellsAreNamed() {
        assertThatThrownBy(() -> SparseCells.unpack(new byte[] {9, 1}, 2, 4))
                .hasMessage("a sketch cell at index 8 outside its 2x4 cells, or out of order");
        assertThatThrownBy(() -> SparseCells.unpack(new byte[] {1, 1, 0, 1}, 2, 4))
                .hasMessageContaining("out of order");
        assertThatThrownBy(() -> SparseCells.unpack(new byte[] {1}, 2, 4)).hasMessage("sketch cells cut short");
        assertThatThrownBy(() -> SparseCells.unpack(new byte[0], 0, 4)).hasMessage("a sketch value of 0x4 cells");
    }

    @Test
    void aGapPastTheLastIndexIsRefusedEvenWhenTheIndexWouldWrapAround() {
        java.io.ByteArrayOutputStream cells = new java.io.ByteArrayOutputStream();
        Varints.write(cells, 2);
        Varints.write(cells, 1);
        Varints.write(cells, Long.MAX_VALUE);
        Varints.write(cells, 1);

        assertThatThrownBy(() -> SparseCells.unpack(cells.toByteArray(), 2, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside its 2x4 cells");
    }

    @Test
    void aShapeLargerThanAnySketchIsRefusedBeforeItsCellsAreMade() {
        // A Row's SparseSketch names its shape in a few bytes: reading it must not allocate what it claims.
        assertThatThrownBy(() -> SparseCells.unpack(new byte[0], 3, Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a sketch value of 3x2147483647 cells, more than a sketch has (at most 3 rows of 65536)");
        assertThatThrownBy(() -> SparseCells.unpack(new byte[0], 1 << 20, 2))
                .hasMessageContaining("more than a sketch has");
    }
}
