package org.intstream.agent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.intstream.engine.sketch.CountMinSketch;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.proto.agent.SparseSketch;
import org.intstream.proto.agent.Value;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.junit.jupiter.api.Test;

class RowCodecTest {

    @Test
    void everyValueKindComesBackEqual() {
        Object[] row = {42L, -1.5, "h1/eth0", true, false, IpAddress.parse("10.77.11.2"),
            IpAddress.parse("fd77::81:1"), IpPrefix.parse("10.0.0.0/8"), Arrays.asList(1L, null, 3L), null};
        Object[] back = RowCodec.decode(RowCodec.encode(row));
        assertThat(back).containsExactly(row);
        assertThat(back[4]).isEqualTo(Boolean.FALSE);
    }

    @Test
    void integerListsTravelAsDeltasAndComeBackEqual() {
        List<Object> timestamps = new ArrayList<>();
        long t = 1_795_381_580_123_456L;
        for (int i = 0; i < 100; i++) {
            t += 1000 + 37 * i;
            timestamps.add(t);
        }
        Value packed = RowCodec.encodeValue(timestamps);
        assertThat(packed.getKindCase()).isEqualTo(Value.KindCase.INT_DELTAS_VALUE);
        assertThat(RowCodec.decodeValue(packed)).isEqualTo(timestamps);
        // The first timestamp takes eight bytes, each later one two: not eleven each as separate values.
        assertThat(packed.getSerializedSize()).isLessThan(2 + 9 + 99 * 2 + 1);
        List<Object> unsorted = List.of(5L, -3L, Long.MAX_VALUE, Long.MIN_VALUE, 0L);
        assertThat(RowCodec.decodeValue(RowCodec.encodeValue(unsorted))).isEqualTo(unsorted);
        // Steady intervals: the second differences are zero, a byte each.
        List<Object> steady = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            steady.add(1_795_381_580_000_000L + 30_000_000L * i);
        }
        Value periodic = RowCodec.encodeValue(steady);
        assertThat(RowCodec.decodeValue(periodic)).isEqualTo(steady);
        assertThat(periodic.getIntDeltasValue().size()).isLessThan(1 + 9 + 5 + 98);
        assertThatThrownBy(() -> RowCodec.decodeValue(Value.newBuilder().setIntDeltasValue(ByteString.copyFrom(
                new byte[] {1, (byte) 0x80})).build())).hasMessage("packed integers cut short after 0 values");
        assertThatThrownBy(() -> RowCodec.decodeValue(Value.newBuilder().setIntDeltasValue(ByteString.copyFrom(
                new byte[] {3, 2})).build())).hasMessage("packed integers of difference order 3, not 1 or 2");
    }

    @Test
    void aSketchTravelsAsItsNonZeroCellsAndComesBackCellForCell() {
        CountMinSketch cm = new CountMinSketch(3, 4096, new int[] {32});
        for (long key = 0; key < 50; key++) {
            cm.add(new long[1], new long[] {0x0A000000L + key}, key + 1);
        }
        SketchValue s = new SketchValue(cm, new int[] {32});
        Value v = RowCodec.encodeValue(s);
        assertThat(v.getKindCase()).isEqualTo(Value.KindCase.SKETCH_VALUE);
        // At most 150 non-zero cells of 12288, a few bytes each.
        assertThat(v.getSerializedSize()).isLessThan(150 * 4 + 30);
        SketchValue back = (SketchValue) RowCodec.decodeValue(v);
        assertThat(back.cells()).isDeepEqualTo(s.cells());
        assertThat(back.total()).isEqualTo(s.total());
        assertThat(back.fieldWidths()).containsExactly(32);
        assertThat(back.estimate(0x0A000000L + 7)).isEqualTo(s.estimate(0x0A000000L + 7)).isGreaterThanOrEqualTo(8);

        SparseSketch outside = SparseSketch.newBuilder().setRows(1).setWidth(2).setTotal(1)
                .setCells(ByteString.copyFrom(new byte[] {3, 1})).build();
        assertThatThrownBy(() -> RowCodec.decodeValue(Value.newBuilder().setSketchValue(outside).build()))
                .hasMessageContaining("a sketch cell at index 2 outside its 1x2 cells");
    }

    @Test
    void valuesWithoutAWireFormAreRefused() {
        assertThatThrownBy(() -> RowCodec.encodeValue(new StringBuilder("x")))
                .hasMessage("a StringBuilder value can't be sent as a partial result");
        assertThatThrownBy(() -> RowCodec.decodeValue(Value.newBuilder().setIpValue(ByteString.copyFrom(new byte[5]))
                .build())).hasMessage("an IP address value has 5 bytes, not 4 or 16");
        assertThat(RowCodec.decode(RowCodec.encode(new Object[] {List.of()}))).containsExactly(List.of());
    }
}
