package org.intstream.onos.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.proto.agent.Prefix;
import org.intstream.proto.agent.Row;
import org.intstream.proto.agent.SparseSketch;
import org.intstream.proto.agent.Value;
import org.intstream.proto.agent.ValueList;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.junit.jupiter.api.Test;

/** Rows as agents send them (agent.proto) read back into the engine's values, bad ones named. */
class AgentRowsTest {
    @Test
    void decode() {
        Row row = Row.newBuilder()
                .addValues(Value.newBuilder().setIntValue(-3))
                .addValues(Value.newBuilder().setFloatValue(0.5))
                .addValues(Value.newBuilder().setStringValue("syn"))
                .addValues(Value.newBuilder().setBoolValue(true))
                .addValues(Value.newBuilder().setIpValue(ByteString.copyFrom(new byte[] {10, 0, 0, 9})))
                .addValues(Value.newBuilder().setPrefixValue(Prefix.newBuilder()
                        .setAddress(ByteString.copyFrom(new byte[] {10, 1, 0, 0})).setLength(16)))
                .addValues(Value.newBuilder().setListValue(ValueList.newBuilder()
                        .addValues(Value.newBuilder().setStringValue("a")).addValues(Value.getDefaultInstance())))
                // 100, 103, 101 as first differences (order 1), zig-zag: +100 (200), +3 (6), -2 (3).
                .addValues(Value.newBuilder().setIntDeltasValue(ByteString.copyFrom(new byte[] {1, (byte) 200, 1, 6, 3})))
                .addValues(Value.getDefaultInstance())
                .build();
        Object[] v = AgentRows.decode(row);
        assertThat(v).containsExactly(-3L, 0.5, "syn", true, IpAddress.v4(0x0A000009),
                IpPrefix.of(IpAddress.v4(0x0A010000), 16), java.util.Arrays.asList("a", null), List.of(100L, 103L, 101L),
                null);
    }

    @Test
    void steadyTimestampsComeAsTheAgentsPackThem() {
        // A keep-alive every 500 ms: the agents' packing picks second differences; read back exactly.
        List<Long> times = List.of(1_795_381_580_000_000L, 1_795_381_580_500_000L, 1_795_381_581_000_000L,
                1_795_381_581_500_000L, 1_795_381_582_000_000L);
        byte[] packed = org.intstream.engine.wire.PackedIntegers.pack(times);
        assertThat(packed[0]).as("difference order").isEqualTo((byte) 2);
        assertThat(AgentRows.value(Value.newBuilder().setIntDeltasValue(ByteString.copyFrom(packed)).build()))
                .isEqualTo(times);
    }

    @Test
    void sparseSketch() {
        // Cells (0,1)=7 and (1,0)=2 of a 2x4 sketch: index gaps 2 and 3 (indexes 1 and 4, from -1).
        SparseSketch s = SparseSketch.newBuilder().setRows(2).setWidth(4).addFieldWidths(32).setTotal(9)
                .setCells(ByteString.copyFrom(new byte[] {2, 7, 3, 2})).build();
        SketchValue sketch = (SketchValue) AgentRows.value(Value.newBuilder().setSketchValue(s).build());
        assertThat(sketch.cells()).isEqualTo(new long[][] {{0, 7, 0, 0}, {2, 0, 0, 0}});
        assertThat(sketch.total()).isEqualTo(9);

        SparseSketch outside = s.toBuilder().setCells(ByteString.copyFrom(new byte[] {9, 1})).build();
        assertThatThrownBy(() -> AgentRows.value(Value.newBuilder().setSketchValue(outside).build()))
                .hasMessageContaining("outside its 2x4 cells");
    }

    @Test
    void aBadValueIsNamedByItsPosition() {
        Row row = Row.newBuilder().addValues(Value.newBuilder().setIntValue(1))
                .addValues(Value.newBuilder().setIpValue(ByteString.copyFrom(new byte[] {1, 2, 3}))).build();
        assertThatThrownBy(() -> AgentRows.decode(row)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value 1: an IP address of 3 bytes, not 4 or 16");
        Row cut = Row.newBuilder().addValues(Value.newBuilder().setIntDeltasValue(ByteString.copyFrom(
                new byte[] {(byte) 0x80}))).build();
        assertThatThrownBy(() -> AgentRows.decode(cut)).hasMessage("value 0: packed integers cut short after 0 values");
    }

    @Test
    void sketchesPastAPartialsCellBoundAreRefusedBeforeTheirCellsAreMade() {
        // An empty sketch of the largest shape: a few bytes here, 3 x 65536 cells unpacked.
        Value largest = Value.newBuilder().setSketchValue(SparseSketch.newBuilder().setRows(3).setWidth(65536)
                .addFieldWidths(32)).build();
        ValueList.Builder many = ValueList.newBuilder();
        for (int i = 0; i < 17; i++) {
            many.addValues(largest);
        }
        Row listed = Row.newBuilder().addValues(Value.newBuilder().setListValue(many)).build();
        assertThatThrownBy(() -> AgentRows.decode(listed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value 0: a sketch value of 3x65536 cells takes the partial's sketches past "
                        + org.intstream.engine.wire.SketchCellBudget.MAX_CELLS + " cells");

        org.intstream.engine.wire.SketchCellBudget partial = new org.intstream.engine.wire.SketchCellBudget();
        Row one = Row.newBuilder().addValues(largest).build();
        for (int i = 0; i < 16; i++) {
            AgentRows.decode(one, partial);
        }
        assertThatThrownBy(() -> AgentRows.decode(one, partial)).as("the bound is the partial's, across its rows")
                .hasMessageContaining("takes the partial's sketches past");
    }
}
