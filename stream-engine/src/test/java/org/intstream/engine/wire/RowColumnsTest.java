package org.intstream.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.intstream.engine.sketch.CountMinSketch;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.junit.jupiter.api.Test;

/** Rows column by column: every plain kind round trip, what stays a Row, damage named. */
class RowColumnsTest {

    @Test
    void everyPlainKindComesBackAsItWent() {
        List<Object[]> rows = List.of(
                new Object[] {IpAddress.parse("10.77.14.11"), 2L, -7L, 0.1, "h1/eth0", true,
                    IpAddress.parse("2001:db8::1")},
                new Object[] {IpAddress.parse("255.255.255.255"), Long.MAX_VALUE, Long.MIN_VALUE, Double.NaN, "ü€😀",
                    false, IpAddress.parse("::")});

        byte[] packed = RowColumns.pack(rows);
        List<Object[]> back = RowColumns.unpack(packed);

        assertThat(back).hasSize(2);
        for (int r = 0; r < rows.size(); r++) {
            assertThat(back.get(r)).containsExactly(rows.get(r));
        }
    }

    @Test
    void listsAndSketchesComeBackAsTheyWent() {
        CountMinSketch cm = new CountMinSketch(3, 64, new int[] {32});
        cm.add(new long[1], new long[] {0x0A000001L}, 40);
        cm.add(new long[1], new long[] {0x0A000002L}, 5);
        SketchValue sketch = new SketchValue(cm, new int[] {32});
        List<Object[]> rows = List.of(
                new Object[] {List.of(1_700_000_000_000_000L, 1_700_000_000_000_250L), List.of("10.78.61.11", "10.78.61.12",
                    "10.78.7.1", "ü", "ü€"), sketch},
                new Object[] {List.of(), List.of(), sketch},
                new Object[] {List.of(-3L), List.of(""), sketch});

        List<Object[]> back = RowColumns.unpack(RowColumns.pack(rows));

        for (int r = 0; r < rows.size(); r++) {
            assertThat(back.get(r)[0]).isEqualTo(rows.get(r)[0]);
            assertThat(back.get(r)[1]).isEqualTo(rows.get(r)[1]);
            SketchValue s = (SketchValue) back.get(r)[2];
            assertThat(s.cells()).isDeepEqualTo(sketch.cells());
            assertThat(s.total()).isEqualTo(45);
            assertThat(s.fieldWidths()).containsExactly(32);
            assertThat(s.estimate(0x0A000001L)).isEqualTo(sketch.estimate(0x0A000001L));
        }
    }

    @Test
    void stringsOfAListSendOnlyWhatTheyDoNotShareWithTheOneBefore() {
        List<Object[]> rows = List.<Object[]>of(new Object[] {List.of("10.78.61.11", "10.78.61.12", "10.78.61.18")});
        // Counts, kind, list count; then 0 shared and 11 bytes, 10 shared ("10.78.61.1") and 1, 10 and 1.
        assertThat(RowColumns.pack(rows)).hasSize(1 + 1 + 1 + 1 + (2 + 11) + (2 + 1) + (2 + 1));
    }

    @Test
    void stringsThatShareMoreThanTheBytesCanCarryAreRefused() {
        // One string of 4096 bytes, then 2000 that share all of it at 3 bytes each: 8 MB out of 10 kB.
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        bomb.writeBytes(new byte[] {1, 1, 8});
        Varints.write(bomb, 2001);
        Varints.write(bomb, 0);
        Varints.write(bomb, 4096);
        bomb.writeBytes(new byte[4096]);
        for (int i = 0; i < 2000; i++) {
            Varints.write(bomb, 4096);
            Varints.write(bomb, 0);
        }

        assertThatThrownBy(() -> RowColumns.unpack(bomb.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strings of packed rows' column 0 share more than");
    }

    @Test
    void aSketchShapeBeyondAnIntIsRefusedNotCutToOne() {
        // 2^32 + 1 rows would read as 1 row if cut to an int.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {1, 1, 9});
        Varints.write(bytes, (1L << 32) + 1);
        Varints.write(bytes, 64);
        Varints.write(bytes, 1);
        Varints.write(bytes, 32);
        Varints.writeSigned(bytes, 0);
        Varints.write(bytes, 0);

        assertThatThrownBy(() -> RowColumns.unpack(bytes.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a packed sketch of column 0 has 4294967297 rows");
    }

    @Test
    void sketchesPastThePartialsCellBoundAreRefusedBeforeTheirCellsAreMade() {
        // Seventeen empty sketches of the largest shape, 8 bytes each, would unpack to 3.3 million cells.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {17, 1, 9});
        for (int i = 0; i < 17; i++) {
            Varints.write(bytes, 3);
            Varints.write(bytes, 65536);
            Varints.write(bytes, 0);
            Varints.writeSigned(bytes, 0);
            Varints.write(bytes, 0);
        }

        assertThatThrownBy(() -> RowColumns.unpack(bytes.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a packed sketch of column 0 of 3x65536 cells takes the partial's sketches past "
                        + SketchCellBudget.MAX_CELLS + " cells");
    }

    @Test
    void listsOfStringsThatShareTooMuchStayRows() {
        String longKey = "x".repeat(4096);
        List<String> same = java.util.Collections.nCopies(2000, longKey);
        assertThat(RowColumns.pack(List.<Object[]>of(new Object[] {same}))).isNull();

        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            candidates.add("10.78." + (i / 256) + "." + (i % 256) + ",443");
        }
        java.util.Collections.sort(candidates);
        byte[] packed = RowColumns.pack(List.<Object[]>of(new Object[] {candidates}));
        assertThat(RowColumns.unpack(packed).get(0)[0]).isEqualTo(candidates);
    }

    @Test
    void anAddressAndTwoSmallCountsTakeSixBytesARow() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new Object[] {IpAddress.v4(0x0A4D0E00 + i), (long) (i % 5), 0L});
        }
        // Row count, column count, three kind bytes, then 4 + 1 + 1 per row.
        assertThat(RowColumns.pack(rows)).hasSize(1 + 1 + 3 + 600);
    }

    @Test
    void rowsWithAbsentListedOrMixedValuesStayRows() {
        assertThat(RowColumns.pack(List.of())).isNull();
        assertThat(RowColumns.pack(List.<Object[]>of(new Object[] {1L, null}))).isNull();
        assertThat(RowColumns.pack(List.<Object[]>of(new Object[] {List.of(IpAddress.parse("10.0.0.1"))}))).isNull();
        assertThat(RowColumns.pack(List.<Object[]>of(new Object[] {List.of(1L, "2")}))).isNull();
        assertThat(RowColumns.pack(List.of(new Object[] {List.of(1L)}, new Object[] {List.of("1")}))).isNull();
        assertThat(RowColumns.pack(List.<Object[]>of(new Object[] {IpPrefix.of(IpAddress.parse("10.0.0.0"), 8)})))
                .isNull();
        assertThat(RowColumns.pack(List.of(new Object[] {1L}, new Object[] {"1"}))).as("kinds mixed").isNull();
        assertThat(RowColumns.pack(List.of(new Object[] {IpAddress.parse("10.0.0.1")},
                new Object[] {IpAddress.parse("::1")}))).as("IPv4 and IPv6 in one column").isNull();
        assertThat(RowColumns.pack(List.of(new Object[] {1L}, new Object[] {1L, 2L}))).as("widths").isNull();
        assertThat(RowColumns.pack(List.of(new Object[0], new Object[0]))).as("no columns: nothing to pack").isNull();
    }

    @Test
    void damagedBytesAreRefusedWithWhatIsWrong() {
        byte[] packed = RowColumns.pack(List.<Object[]>of(new Object[] {IpAddress.parse("10.0.0.1"), 300L}));

        assertThatThrownBy(() -> RowColumns.unpack(Arrays.copyOf(packed, packed.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
        assertThatThrownBy(() -> RowColumns.unpack(Arrays.copyOf(packed, packed.length + 1)))
                .hasMessageContaining("go on after their last column");
        byte[] unknownKind = packed.clone();
        unknownKind[2] = 12;
        assertThatThrownBy(() -> RowColumns.unpack(unknownKind)).hasMessageContaining("column 0 is of an unknown kind 12");
        assertThatThrownBy(() -> RowColumns.unpack(new byte[] {1, 1, 9, 10, 64, 1, 32, 0, 0}))
                .hasMessageContaining("a packed sketch has 10 rows");
        assertThatThrownBy(() -> RowColumns.unpack(new byte[] {(byte) 0xFF, 0x7F, 2}))
                .hasMessageContaining("packed rows of 16383 rows x 2 columns in 3 bytes");
    }
}
