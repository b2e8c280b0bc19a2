package org.intstream.agent.stream;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.proto.agent.Prefix;
import org.intstream.proto.agent.Row;
import org.intstream.proto.agent.SparseSketch;
import org.intstream.proto.agent.Value;
import org.intstream.proto.agent.ValueList;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;

/**
 * Result rows to and from the wire: the engine's boxed values (Long, Double, String, Boolean, IpAddress,
 * IpPrefix, List, SketchValue, null for absent) as typed protobuf values. Timestamps and durations are longs
 * already. Two compact forms where they pay: a list of integers (a pair's packet timestamps) travels as
 * zig-zag varints of its first or second differences, whichever is shorter, a byte or two per sorted
 * timestamp instead of eleven; a count-min sketch as its non-zero cells, each a varint gap and a varint value.
 */
public final class RowCodec {
    private RowCodec() {
    }

    public static Row encode(Object[] row) {
        Row.Builder b = Row.newBuilder();
        for (Object v : row) {
            b.addValues(encodeValue(v));
        }
        return b.build();
    }

    /** @throws IllegalArgumentException for a value that has no wire form */
    public static Value encodeValue(Object v) {
        Value.Builder b = Value.newBuilder();
        if (v == null) {
            return b.build();
        } else if (v instanceof Long) {
            b.setIntValue((Long) v);
        } else if (v instanceof Double) {
            b.setFloatValue((Double) v);
        } else if (v instanceof String) {
            b.setStringValue((String) v);
        } else if (v instanceof Boolean) {
            b.setBoolValue((Boolean) v);
        } else if (v instanceof IpAddress) {
            b.setIpValue(ipBytes((IpAddress) v));
        } else if (v instanceof IpPrefix) {
            IpPrefix p = (IpPrefix) v;
            b.setPrefixValue(Prefix.newBuilder().setAddress(ipBytes(p.network())).setLength(p.length()));
        } else if (v instanceof List && isIntegerList((List<?>) v)) {
            b.setIntDeltasValue(deltas((List<?>) v));
        } else if (v instanceof SketchValue) {
            b.setSketchValue(sparse((SketchValue) v));
        } else if (v instanceof List) {
            ValueList.Builder l = ValueList.newBuilder();
            for (Object e : (List<?>) v) {
                l.addValues(encodeValue(e));
            }
            b.setListValue(l);
        } else {
            throw new IllegalArgumentException("a " + v.getClass().getSimpleName()
                    + " value can't be sent as a partial result");
        }
        return b.build();
    }

    public static Object[] decode(Row row) {
        Object[] out = new Object[row.getValuesCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = decodeValue(row.getValues(i));
        }
        return out;
    }

    /**
     * @throws IllegalArgumentException for an address that is neither 4 nor 16 bytes long, packed integers or
     *     sketch cells cut short, or a sketch whose cells fall outside its shape
     */
    public static Object decodeValue(Value v) {
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
                    list.add(decodeValue(e));
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

    /** Non-empty lists of Longs only: an empty list or one with absent elements keeps the general form. */
    private static boolean isIntegerList(List<?> list) {
        if (list.isEmpty()) {
            return false;
        }
        for (Object e : list) {
            if (!(e instanceof Long)) {
                return false;
            }
        }
        return true;
    }

    /** The list's first or second differences, whichever is shorter (a pair's steady keep-alives: the second). */
    private static ByteString deltas(List<?> list) {
        ByteString first = differences(list, 1);
        ByteString second = differences(list, 2);
        return second.size() < first.size() ? second : first;
    }

    private static ByteString differences(List<?> list, int order) {
        ByteString.Output bytes = ByteString.newOutput(list.size() * 2 + 1);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeUInt32NoTag(order);
            long previous = 0;
            long previousDifference = 0;
            for (int i = 0; i < list.size(); i++) {
                long x = (Long) list.get(i);
                long d = x - previous;
                out.writeSInt64NoTag(order == 1 || i == 0 ? d : d - previousDifference);
                // The first element's "difference" is itself; the second differences start after it.
                previousDifference = i == 0 ? 0 : d;
                previous = x;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteString();
    }

    private static List<Object> integers(ByteString packed) {
        CodedInputStream in = packed.newCodedInput();
        List<Object> out = new ArrayList<>();
        try {
            int order = in.readUInt32();
            if (order != 1 && order != 2) {
                throw new IllegalArgumentException("packed integers of difference order " + order + ", not 1 or 2");
            }
            long previous = 0;
            long difference = 0;
            while (!in.isAtEnd()) {
                long v = in.readSInt64();
                difference = order == 1 || out.isEmpty() ? v : difference + v;
                previous += difference;
                out.add(previous);
                if (out.size() == 1) {
                    difference = 0;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("packed integers cut short after " + out.size() + " values", e);
        }
        return out;
    }

    private static SparseSketch sparse(SketchValue s) {
        SparseSketch.Builder b = SparseSketch.newBuilder().setRows(s.rows()).setWidth(s.width()).setTotal(s.total());
        for (int w : s.fieldWidths()) {
            b.addFieldWidths(w);
        }
        ByteString.Output bytes = ByteString.newOutput();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        long[][] cells = s.cells();
        try {
            long previous = -1;
            for (int r = 0; r < cells.length; r++) {
                for (int c = 0; c < cells[r].length; c++) {
                    if (cells[r][c] != 0) {
                        long index = (long) r * s.width() + c;
                        out.writeUInt64NoTag(index - previous);
                        out.writeUInt64NoTag(cells[r][c]);
                        previous = index;
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.setCells(bytes.toByteString()).build();
    }

    private static SketchValue sketch(SparseSketch s) {
        int rows = s.getRows();
        int width = s.getWidth();
        if (rows < 1 || width < 1) {
            throw new IllegalArgumentException("a sketch value of " + rows + "x" + width + " cells");
        }
        long[][] cells = new long[rows][width];
        CodedInputStream in = s.getCells().newCodedInput();
        try {
            long index = -1;
            while (!in.isAtEnd()) {
                long gap = in.readUInt64();
                index += gap;
                if (gap < 1 || index >= (long) rows * width) {
                    throw new IllegalArgumentException("a sketch cell at index " + index + " outside its " + rows + "x"
                            + width + " cells, or out of order");
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

    private static ByteString ipBytes(IpAddress a) {
        if (a.isV4()) {
            return ByteString.copyFrom(ByteBuffer.allocate(4).putInt(a.v4Bits()).array());
        }
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(a.hi()).putLong(a.lo()).array());
    }

    private static IpAddress ip(ByteString bytes) {
        ByteBuffer b = bytes.asReadOnlyByteBuffer();
        if (bytes.size() == 4) {
            return IpAddress.v4(b.getInt());
        }
        if (bytes.size() == 16) {
            return IpAddress.v6(b.getLong(), b.getLong());
        }
        throw new IllegalArgumentException("an IP address value has " + bytes.size() + " bytes, not 4 or 16");
    }
}
