package org.intstream.onos.agent;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.engine.wire.PackedIntegers;
import org.intstream.engine.wire.SketchCellBudget;
import org.intstream.engine.wire.SparseCells;
import org.intstream.proto.agent.Row;
import org.intstream.proto.agent.SparseSketch;
import org.intstream.proto.agent.Value;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;

/**
 * Partial-result rows from the agents' wire form (agent.proto's Value) into the engine's boxed values: Long,
 * Double, String, Boolean, IpAddress, IpPrefix, List, SketchValue, and null for an unset value. Packed integer
 * lists and sparse sketches are read by the same code as the agents write them ({@link PackedIntegers},
 * {@link SparseCells}).
 */
final class AgentRows {
    private AgentRows() {
    }

    /** @throws IllegalArgumentException naming the value that can't be read */
    static Object[] decode(Row row) {
        return decode(row, new SketchCellBudget());
    }

    /**
     * A row of a partial whose sketches count against the partial's {@code budget}.
     *
     * @throws IllegalArgumentException naming the value that can't be read, or whose sketches pass the budget
     */
    static Object[] decode(Row row, SketchCellBudget budget) {
        Object[] out = new Object[row.getValuesCount()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = value(row.getValues(i), budget);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("value " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static Object value(Value v) {
        return value(v, new SketchCellBudget());
    }

    private static Object value(Value v, SketchCellBudget budget) {
        switch (v.getKindCase()) {
            case INT_VALUE:
                return v.getIntValue();
            case FLOAT_VALUE:
                return v.getFloatValue();
            case STRING_VALUE:
                return v.getStringValue();
            case BOOL_VALUE:
                return v.getBoolValue();
            case IP_VALUE:
                return ip(v.getIpValue());
            case PREFIX_VALUE:
                return IpPrefix.of(ip(v.getPrefixValue().getAddress()), v.getPrefixValue().getLength());
            case LIST_VALUE:
                List<Object> list = new ArrayList<>();
                for (Value e : v.getListValue().getValuesList()) {
                    list.add(value(e, budget));
                }
                return list;
            case INT_DELTAS_VALUE:
                return PackedIntegers.unpack(v.getIntDeltasValue().toByteArray());
            case SKETCH_VALUE:
                return sketch(v.getSketchValue(), budget);
            default:
                return null;
        }
    }

    private static IpAddress ip(ByteString bytes) {
        ByteBuffer b = bytes.asReadOnlyByteBuffer();
        if (bytes.size() == 4) {
            return IpAddress.v4(b.getInt());
        }
        if (bytes.size() == 16) {
            return IpAddress.v6(b.getLong(), b.getLong());
        }
        throw new IllegalArgumentException("an IP address of " + bytes.size() + " bytes, not 4 or 16");
    }

    private static SketchValue sketch(SparseSketch s, SketchCellBudget budget) {
        // Counted before the cells are made: the shape is a few bytes on the wire.
        budget.take(s.getRows(), s.getWidth(), "a sketch value");
        long[][] cells = SparseCells.unpack(s.getCells().toByteArray(), s.getRows(), s.getWidth());
        int[] fieldWidths = new int[s.getFieldWidthsCount()];
        for (int i = 0; i < fieldWidths.length; i++) {
            fieldWidths[i] = s.getFieldWidths(i);
        }
        return SketchValue.of(s.getRows(), s.getWidth(), fieldWidths, s.getTotal(), cells);
    }
}
