package org.intstream.engine.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class SketchHashesTest {

    @Test
    void crc16IsCrc16Arc() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc16Arc.compute(check, 0, check.length)).isEqualTo(0xBB3D);
    }

    @Test
    void fieldsArePackedMostSignificantBitFirstWithPaddingAtTheEnd() {
        FieldPacker aligned = new FieldPacker(new int[] {32, 16, 8});
        byte[] b = aligned.pack(new long[3], new long[] {0x0A000001L, 0x1F90, 6});
        assertThat(b).containsExactly(0x0A, 0x00, 0x00, 0x01, 0x1F, 0x90, 0x06);
        FieldPacker odd = new FieldPacker(new int[] {3, 9});
        // 101 then 111111110 -> 1011 1111 1110 0000 (four bits of padding at the end)
        assertThat(odd.pack(new long[2], new long[] {0b101, 0b111111110})).containsExactly((byte) 0xBF, (byte) 0xE0);
    }

    @Test
    void rowsAreTheSwitchsHashes() {
        long[] hi = new long[1];
        long[] lo = {0x0A000001L};
        int[] idx = new int[3];
        new SketchHashes(new int[] {32}).indexes(hi, lo, 3, 4096, idx);
        byte[] bytes = {0x0A, 0x00, 0x00, 0x01};
        CRC32 crc = new CRC32();
        crc.update(bytes);
        assertThat(idx[0]).isEqualTo((int) (crc.getValue() & 4095));
        assertThat(idx[1]).isEqualTo(Crc16Arc.compute(bytes, 0, 4) & 4095);
        assertThat(idx[2]).isEqualTo((int) ((crc.getValue() >>> 16) & 4095)); // one field: reversed order is the same
    }

    @Test
    void countMinNeverUnderCountsAndMergesCellByCell() {
        int[] widths = {32};
        CountMinSketch a = new CountMinSketch(3, 64, widths);
        CountMinSketch b = new CountMinSketch(3, 64, widths);
        long[] hi = new long[1];
        for (int k = 0; k < 500; k++) {
            (k % 2 == 0 ? a : b).add(hi, new long[] {k % 100}, 1);
        }
        a.merge(b);
        assertThat(a.total()).isEqualTo(500);
        for (int key = 0; key < 100; key++) {
            assertThat(a.estimate(hi, new long[] {key})).isGreaterThanOrEqualTo(5);
        }
        assertThatThrownBy(() -> a.merge(new CountMinSketch(2, 64, widths))).hasMessageContaining("can't merge");
    }

    @Test
    void shapesTheSwitchCantHoldAreRefused() {
        assertThatThrownBy(() -> new CountMinSketch(4, 1024, new int[] {32})).hasMessageContaining("1 to 3");
        assertThatThrownBy(() -> new CountMinSketch(3, 1000, new int[] {32})).hasMessageContaining("power of two");
    }

    @Test
    void aSharedInstanceGivesEveryCallerTheIndexesOfAFreshOne() {
        int[] widths = {32, 16};
        SketchHashes shared = new SharedHashes().forWidths(widths);
        java.util.Random rnd = new java.util.Random(5);
        int[][] shapes = {{1, 4096}, {3, 4096}, {2, 65536}, {3, 1024}};
        long[] previous = {0x0A000001L, 80};
        for (int i = 0; i < 20_000; i++) {
            // keys repeat often (as one packet's key does across sketches), in different shapes
            long[] lo = rnd.nextInt(3) == 0 ? new long[] {0x0A000000L + rnd.nextInt(50), rnd.nextInt(4)} : previous;
            previous = lo;
            int[] shape = shapes[rnd.nextInt(shapes.length)];
            int[] got = new int[shape[0]];
            int[] want = new int[shape[0]];
            shared.indexes(new long[2], lo, shape[0], shape[1], got);
            new SketchHashes(widths).indexes(new long[2], lo, shape[0], shape[1], want);
            assertThat(got).as("call %d", i).containsExactly(want);
        }
        assertThat(new SharedHashes().forWidths(widths)).isNotSameAs(shared);
        SharedHashes pool = new SharedHashes();
        assertThat(pool.forWidths(new int[] {32, 16})).isSameAs(pool.forWidths(widths));
        assertThat(pool.forWidths(new int[] {32})).isNotSameAs(pool.forWidths(widths));
    }
}
