package org.intstream.agent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.intstream.engine.wire.SketchCellBudget;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.Row;
import org.intstream.proto.agent.SparseSketch;
import org.intstream.proto.agent.Value;
import org.intstream.proto.agent.ValueList;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;

/** A partial's rows read back from either form: damage named by row and value, sketches bounded. */
class PartialRowsTest {
    /** An empty sketch of the largest shape: a few bytes on the wire, 3 x 65536 cells unpacked. */
    private static final Value LARGEST_EMPTY_SKETCH = Value.newBuilder().setSketchValue(SparseSketch.newBuilder()
            .setRows(3).setWidth(65536).addFieldWidths(32)).build();

    @Test
    void rowsComeBackInEitherForm() {
        List<Object[]> rows = List.of(new Object[] {IpAddress.parse("10.0.0.1"), 3L}, new Object[] {null, 4L});
        Partial p = PartialRows.set(Partial.newBuilder(), rows).build();

        assertThat(p.getRowsCount()).as("an absent value keeps the Row form").isEqualTo(2);
        assertThat(PartialRows.of(p)).hasSize(2).satisfies(back -> {
            assertThat(back.get(0)).containsExactly(rows.get(0));
            assertThat(back.get(1)).containsExactly(rows.get(1));
        });
    }

    @Test
    void aDamagedValueIsNamedByItsRowAndPlace() {
        Partial p = Partial.newBuilder()
                .addRows(Row.newBuilder().addValues(Value.newBuilder().setIntValue(1)))
                .addRows(Row.newBuilder().addValues(Value.newBuilder().setIntValue(2))
                        .addValues(Value.newBuilder().setIpValue(ByteString.copyFrom(new byte[3]))))
                .build();

        assertThatThrownBy(() -> PartialRows.of(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 1, value 1: an IP address value has 3 bytes, not 4 or 16");
    }

    @Test
    void sketchesPastThePartialsCellBoundAreRefused() {
        ValueList.Builder many = ValueList.newBuilder();
        for (int i = 0; i < 17; i++) {
            many.addValues(LARGEST_EMPTY_SKETCH);
        }
        Partial nested = Partial.newBuilder().addRows(Row.newBuilder().addValues(Value.newBuilder().setListValue(many)))
                .build();
        Partial.Builder rows = Partial.newBuilder();
        for (int i = 0; i < 17; i++) {
            rows.addRows(Row.newBuilder().addValues(LARGEST_EMPTY_SKETCH));
        }

        assertThatThrownBy(() -> PartialRows.of(nested)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0, value 0: a sketch value of 3x65536 cells takes the partial's "
                        + "sketches past " + SketchCellBudget.MAX_CELLS + " cells");
        assertThatThrownBy(() -> PartialRows.of(rows.build())).hasMessageStartingWith("row 16, value 0: ");
        rows.removeRows(16);
        assertThat(PartialRows.of(rows.build())).as("sixteen are within the bound").hasSize(16);
    }
}
