package org.intstream.engine.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.intstream.query.type.IpAddress;

/**
 * A partial's rows packed column by column (agent.proto, Partial.row_columns): each value without the framing
 * a protobuf Row gives every value (3–4 bytes), which is most of a row of an address and two small counts.
 * Only for rows whose every column holds one kind of plain value (Long, Double, String, Boolean, an IPv4 or
 * an IPv6 address) and none absent; other rows (lists, sketches, prefixes, absent values) keep the Row form.
 *
 * <p>Layout: a varint of the row count, a varint of the column count, then per column a kind byte and its
 * values row after row: 1 integers as zig-zag varints, 2 floats as their 8 IEEE 754 bytes (little-endian),
 * 3 strings as a varint of their UTF-8 length and the bytes, 4 booleans as a byte 0 or 1, 5 IPv4 addresses
 * as 4 bytes, 6 IPv6 addresses as 16 bytes (network byte order).
 */
public final class RowColumns {
    private static final int INT = 1;
    private static final int FLOAT = 2;
    private static final int STRING = 3;
    private static final int BOOL = 4;
    private static final int IPV4 = 5;
    private static final int IPV6 = 6;

    private RowColumns() {
    }

    /** The rows packed, or null when they can't be (no rows, rows of different widths, a column not plain). */
    public static byte[] pack(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        int width = rows.get(0).length;
        int[] kinds = new int[width];
        for (int c = 0; c < width; c++) {
            kinds[c] = kindOf(rows.get(0)[c]);
            if (kinds[c] == 0) {
                return null;
            }
        }
        for (Object[] row : rows) {
            if (row.length != width) {
                return null;
            }
            for (int c = 0; c < width; c++) {
                if (kindOf(row[c]) != kinds[c]) {
                    return null;
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varints.write(out, rows.size());
        Varints.write(out, width);
        for (int c = 0; c < width; c++) {
            out.write(kinds[c]);
            for (Object[] row : rows) {
                write(out, kinds[c], row[c]);
            }
        }
        return out.toByteArray();
    }

    /**
     * The rows back, boxed as the engine holds them.
     *
     * @throws IllegalArgumentException when the bytes end early, go on after the last column, or name a kind
     *     that does not exist
     */
    public static List<Object[]> unpack(byte[] packed) {
        Varints.Reader in = new Varints.Reader(packed);
        long count = in.read();
        long width = in.read();
        // Every value takes a byte at least: counts past the bytes are damage, not rows to allocate.
        if (count < 1 || width < 1 || count > packed.length || width > packed.length || count * width > packed.length) {
            throw new IllegalArgumentException("packed rows of " + count + " rows x " + width + " columns in "
                    + packed.length + " bytes");
        }
        List<Object[]> rows = new ArrayList<>((int) count);
        for (int r = 0; r < count; r++) {
            rows.add(new Object[(int) width]);
        }
        for (int c = 0; c < width; c++) {
            int kind = (int) in.readBytes(1)[0];
            for (int r = 0; r < count; r++) {
                rows.get(r)[c] = read(in, kind, c);
            }
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("packed rows go on after their last column");
        }
        return rows;
    }

    private static int kindOf(Object v) {
        if (v instanceof Long) {
            return INT;
        } else if (v instanceof Double) {
            return FLOAT;
        } else if (v instanceof String) {
            return STRING;
        } else if (v instanceof Boolean) {
            return BOOL;
        } else if (v instanceof IpAddress) {
            return ((IpAddress) v).isV4() ? IPV4 : IPV6;
        }
        return 0;
    }

    private static void write(ByteArrayOutputStream out, int kind, Object v) {
        switch (kind) {
            case INT:
                Varints.writeSigned(out, (Long) v);
                break;
            case FLOAT:
                out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(Double.doubleToRawLongBits((Double) v)).array());
                break;
            case STRING:
                byte[] utf8 = ((String) v).getBytes(StandardCharsets.UTF_8);
                Varints.write(out, utf8.length);
                out.writeBytes(utf8);
                break;
            case BOOL:
                out.write((Boolean) v ? 1 : 0);
                break;
            case IPV4:
                out.writeBytes(ByteBuffer.allocate(4).putInt(((IpAddress) v).v4Bits()).array());
                break;
            default:
                IpAddress a = (IpAddress) v;
                out.writeBytes(ByteBuffer.allocate(16).putLong(a.hi()).putLong(a.lo()).array());
                break;
        }
    }

    private static Object read(Varints.Reader in, int kind, int column) {
        switch (kind) {
            case INT:
                return in.readSigned();
            case FLOAT:
                return Double.longBitsToDouble(ByteBuffer.wrap(in.readBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong());
            case STRING:
                return new String(in.readBytes(in.read()), StandardCharsets.UTF_8);
            case BOOL:
                return in.readBytes(1)[0] != 0;
            case IPV4:
                return IpAddress.v4(ByteBuffer.wrap(in.readBytes(4)).getInt());
            case IPV6:
                ByteBuffer b = ByteBuffer.wrap(in.readBytes(16));
                return IpAddress.v6(b.getLong(), b.getLong());
            default:
                throw new IllegalArgumentException("packed rows' column " + column + " is of an unknown kind " + kind);
        }
    }
}
