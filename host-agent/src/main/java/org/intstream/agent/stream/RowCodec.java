package org.intstream.agent.stream;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.engine.wire.PackedIntegers;
import org.intstream.engine.wire.SketchCellBudget;
import org.intstream.engine.wire.SparseCells;
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
 * already. Two compact forms where they pay ({@link PackedIntegers}, {@link SparseCells}): a list of integers
 * (a pair's packet timestamps) as varints of its first or second differences, a count-min sketch as its
 * non-zero cells.
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
        } else if (v instanceof List && PackedIntegers.packable((List<?>) v)) {
            b.setIntDeltasValue(ByteString.copyFrom(PackedIntegers.pack((List<?>) v)));
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
        return decode(row, new SketchCellBudget());
    }

    /**
     * A row of a partial whose sketches count against the partial's {@code budget}.
     *
     * @throws IllegalArgumentException as {@link #decodeValue(Value, SketchCellBudget)}, naming the value
     */
    public static Object[] decode(Row row, SketchCellBudget budget) {
        Object[] out = new Object[row.getValuesCount()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = decodeValue(row.getValues(i), budget);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("value " + i + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static Object decodeValue(Value v) {
        return decodeValue(v, new SketchCellBudget());
    }

    /**
     * @throws IllegalArgumentException for an address that is neither 4 nor 16 bytes long, packed integers or
     *     sketch cells cut short, a sketch whose cells fall outside its shape, or sketches past the budget
     */
    public static Object decodeValue(Value v, SketchCellBudget budget) {
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
                    list.add(decodeValue(e, budget));
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

    private static SparseSketch sparse(SketchValue s) {
        SparseSketch.Builder b = SparseSketch.newBuilder().setRows(s.rows()).setWidth(s.width()).setTotal(s.total());
        for (int w : s.fieldWidths()) {
            b.addFieldWidths(w);
        }
        return b.setCells(ByteString.copyFrom(SparseCells.pack(s.cells(), s.width()))).build();
    }

    private static SketchValue sketch(SparseSketch s, SketchCellBudget budget) {
        budget.take(s.getRows(), s.getWidth(), "a sketch value");
        long[][] cells = SparseCells.unpack(s.getCells().toByteArray(), s.getRows(), s.getWidth());
        int[] fieldWidths = new int[s.getFieldWidthsCount()];
        for (int i = 0; i < fieldWidths.length; i++) {
            fieldWidths[i] = s.getFieldWidths(i);
        }
        return SketchValue.of(s.getRows(), s.getWidth(), fieldWidths, s.getTotal(), cells);
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
