package org.intstream.onos.agent;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.proto.agent.Row;
import org.intstream.proto.agent.SparseSketch;
import org.intstream.proto.agent.Value;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;

/**
 * Partial-result rows from the agents' wire form (agent.proto's Value) into the engine's boxed values: Long,
 * Double, String, Boolean, IpAddress, IpPrefix, List, SketchValue, and null for an unset value. Packed integer
 * lists are zig-zag varint differences; sparse sketches are (index gap, value) varint pairs in row-major order.
 */
final class AgentRows {
    private AgentRows() {
    }

    /** @throws IllegalArgumentException naming the value that can't be read */
    static Object[] decode(Row row) {
        Object[] out = new Object[row.getValuesCount()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = value(row.getValues(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("value " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    static Object value(Value v) {
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
                    list.add(value(e));
                }
                return list;
            case INT_DELTAS_VALUE:
                return integers(v.getIntDeltasValue());
            case SKETCH_VALUE:
                return sketch(v.getSketchValue());
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

    private static List<Object> integers(ByteString packed) {
        CodedInputStream in = packed.newCodedInput();
        List<Object> out = new ArrayList<>();
        long previous = 0;
        try {
            while (!in.isAtEnd()) {
                previous += in.readSInt64();
                out.add(previous);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("packed integers cut short after " + out.size() + " values", e);
        }
        return out;
    }

    private static SketchValue sketch(SparseSketch s) {
        int rows = s.getRows();
        int width = s.getWidth();
        if (rows < 1 || width < 1) {
            throw new IllegalArgumentException("a sketch of " + rows + "x" + width + " cells");
        }
        long[][] cells = new long[rows][width];
        CodedInputStream in = s.getCells().newCodedInput();
        long index = -1;
        try {
            while (!in.isAtEnd()) {
                long gap = in.readUInt64();
                index += gap;
                if (gap < 1 || index >= (long) rows * width) {
                    throw new IllegalArgumentException("a sketch cell at index " + index + " outside its " + rows
                            + "x" + width + " cells, or out of order");
                }
                cells[(int) (index / width)][(int) (index % width)] = in.readUInt64();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("sketch cells cut short", e);
        }
        int[] fieldWidths = new int[s.getFieldWidthsCount()];
        for (int i = 0; i < fieldWidths.length; i++) {
            fieldWidths[i] = s.getFieldWidths(i);
        }
        return SketchValue.of(rows, width, fieldWidths, s.getTotal(), cells);
    }
}
