package org.intstream.engine.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.intstream.engine.sketch.SketchHashes;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.query.type.IpAddress;

/**
 * A partial's rows packed column by column (agent.proto, Partial.row_columns): each value without the framing
 * a protobuf Row gives every value (3–4 bytes), which is most of a row of an address and two small counts.
 * Only for rows whose every column holds one kind of value and none absent: Long, Double, String, Boolean, an
 * IPv4 or an IPv6 address, a list of Longs, a list of Strings, a count-min sketch; other rows (prefixes,
 * addresses in lists, absent values, kinds mixed in a column) keep the Row form.
 *
 * <p>Layout: a varint of the row count, a varint of the column count, then per column a kind byte and its
 * values row after row: 1 integers as zig-zag varints, 2 floats as their 8 IEEE 754 bytes (little-endian),
 * 3 strings as a varint of their UTF-8 length and the bytes, 4 booleans as a byte 0 or 1, 5 IPv4 addresses
 * as 4 bytes, 6 IPv6 addresses as 16 bytes (network byte order), 7 lists of integers as a varint of their
 * packed length and the packed bytes ({@link PackedIntegers}; length 0 for an empty list), 8 lists of
 * strings as a varint of their count, then per string a varint of how many UTF-8 bytes it shares with the
 * start of the one before it, a varint of the rest's length and the rest, 9 count-min sketches as varints of
 * rows, width, key field count and each field's width, a zig-zag varint of the total, a varint of the cells'
 * length and the cells ({@link SparseCells}).
 */
public final class RowColumns {
    private static final int INT = 1;
    private static final int FLOAT = 2;
    private static final int STRING = 3;
    private static final int BOOL = 4;
    private static final int IPV4 = 5;
    private static final int IPV6 = 6;
    private static final int INT_LIST = 7;
    private static final int STRING_LIST = 8;
    private static final int SKETCH = 9;
    /** An empty list: fits a column of either kind of list. */
    private static final int EMPTY_LIST = -1;
    /**
     * The bytes strings of lists may take from the ones before them, in all, per packed byte and beyond: sorted
     * keys share far less, and a few bytes must not stand for gigabytes (a string of a megabyte repeated in two
     * bytes each). Rows that need more go as Rows.
     */
    private static final long SHARED_PER_BYTE = 16;
    private static final long SHARED_ALLOWANCE = 1 << 16;

    private RowColumns() {
    }

    /**
     * The rows packed, or null when they can't be (no rows, rows without columns or of different widths, a
     * column not plain, strings that share too much).
     */
    public static byte[] pack(List<Object[]> rows) {
        if (rows.isEmpty() || rows.get(0).length == 0) {
            return null;
        }
        int width = rows.get(0).length;
        int[] kinds = new int[width];
        for (Object[] row : rows) {
            if (row.length != width) {
                return null;
            }
            for (int c = 0; c < width; c++) {
                int k = kindOf(row[c]);
                if (k == 0) {
                    return null;
                }
                if (kinds[c] == 0 || kinds[c] == EMPTY_LIST && (k == INT_LIST || k == STRING_LIST)) {
                    kinds[c] = k;
                } else if (k != kinds[c] && !(k == EMPTY_LIST && (kinds[c] == INT_LIST || kinds[c] == STRING_LIST))) {
                    return null;
                }
            }
        }
        for (int c = 0; c < width; c++) {
            if (kinds[c] == EMPTY_LIST) {
                kinds[c] = INT_LIST;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varints.write(out, rows.size());
        Varints.write(out, width);
        long shared = 0;
        for (int c = 0; c < width; c++) {
            out.write(kinds[c]);
            for (Object[] row : rows) {
                shared += write(out, kinds[c], row[c]);
            }
        }
        return shared > sharedLimit(out.size()) ? null : out.toByteArray();
    }

    private static long sharedLimit(int packedBytes) {
        return SHARED_PER_BYTE * packedBytes + SHARED_ALLOWANCE;
    }

    /**
     * The rows back, boxed as the engine holds them.
     *
     * @throws IllegalArgumentException when the bytes end early, go on after the last column, name a kind
     *     that does not exist, their strings share more than {@link #pack} lets them, or their sketches hold
     *     more cells than a partial's may ({@link SketchCellBudget})
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
        long[] sharedLeft = {sharedLimit(packed.length)};
        SketchCellBudget cells = new SketchCellBudget();
        for (int c = 0; c < width; c++) {
            int kind = (int) in.readBytes(1)[0];
            for (int r = 0; r < count; r++) {
                rows.get(r)[c] = read(in, kind, c, sharedLeft, cells);
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
        } else if (v instanceof SketchValue) {
            return SKETCH;
        } else if (v instanceof List) {
            return listKind((List<?>) v);
        }
        return 0;
    }

    private static int listKind(List<?> list) {
        if (list.isEmpty()) {
            return EMPTY_LIST;
        }
        boolean longs = true;
        boolean strings = true;
        for (Object e : list) {
            longs &= e instanceof Long;
            strings &= e instanceof String;
        }
        return longs ? INT_LIST : strings ? STRING_LIST : 0;
    }

    /** @return the bytes its strings share with the ones before them (0 but for lists of strings) */
    private static long write(ByteArrayOutputStream out, int kind, Object v) {
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
            case IPV6:
                IpAddress a = (IpAddress) v;
                out.writeBytes(ByteBuffer.allocate(16).putLong(a.hi()).putLong(a.lo()).array());
                break;
            case INT_LIST:
                List<?> longs = (List<?>) v;
                byte[] packed = longs.isEmpty() ? new byte[0] : PackedIntegers.pack(longs);
                Varints.write(out, packed.length);
                out.writeBytes(packed);
                break;
            case STRING_LIST:
                return writeStrings(out, (List<?>) v);
            default:
                SketchValue sketch = (SketchValue) v;
                Varints.write(out, sketch.rows());
                Varints.write(out, sketch.width());
                Varints.write(out, sketch.fieldWidths().length);
                for (int w : sketch.fieldWidths()) {
                    Varints.write(out, w);
                }
                Varints.writeSigned(out, sketch.total());
                byte[] cells = SparseCells.pack(sketch.cells(), sketch.width());
                Varints.write(out, cells.length);
                out.writeBytes(cells);
                break;
        }
        return 0;
    }

    /** Each string as the UTF-8 bytes it shares with the start of the one before it, and the rest. */
    private static long writeStrings(ByteArrayOutputStream out, List<?> strings) {
        Varints.write(out, strings.size());
        long sharedInAll = 0;
        byte[] previous = new byte[0];
        for (Object e : strings) {
            byte[] utf8 = ((String) e).getBytes(StandardCharsets.UTF_8);
            int shared = 0;
            int max = Math.min(previous.length, utf8.length);
            while (shared < max && previous[shared] == utf8[shared]) {
                shared++;
            }
            Varints.write(out, shared);
            Varints.write(out, utf8.length - shared);
            out.write(utf8, shared, utf8.length - shared);
            sharedInAll += shared;
            previous = utf8;
        }
        return sharedInAll;
    }

    /** @param sharedLeft the bytes the strings of the partial's lists may still share, counted down */
    private static List<Object> readStrings(Varints.Reader in, int column, long[] sharedLeft) {
        long count = in.read();
        List<Object> out = new ArrayList<>();
        byte[] previous = new byte[0];
        for (long i = 0; i < count; i++) {
            long shared = in.read();
            if (shared < 0 || shared > previous.length) {
                throw new IllegalArgumentException("a string of packed rows' column " + column + " shares " + shared
                        + " bytes with one of " + previous.length);
            }
            sharedLeft[0] -= shared;
            if (sharedLeft[0] < 0) {
                throw new IllegalArgumentException("strings of packed rows' column " + column + " share more than "
                        + SHARED_PER_BYTE + " bytes per packed byte with the ones before them");
            }
            byte[] rest = in.readBytes(in.read());
            byte[] utf8 = Arrays.copyOf(previous, (int) shared + rest.length);
            System.arraycopy(rest, 0, utf8, (int) shared, rest.length);
            out.add(new String(utf8, StandardCharsets.UTF_8));
            previous = utf8;
        }
        return out;
    }

    private static SketchValue readSketch(Varints.Reader in, int column, SketchCellBudget budget) {
        String what = "a packed sketch of column " + column;
        int rows = readInt(in, what, "rows");
        int width = readInt(in, what, "cells a row");
        long fields = in.read();
        if (fields < 0 || fields > 64) {
            throw new IllegalArgumentException("a packed sketch of " + fields + " key fields, not 0 to 64");
        }
        int[] fieldWidths = new int[(int) fields];
        for (int i = 0; i < fieldWidths.length; i++) {
            fieldWidths[i] = readInt(in, what, "bits in key field " + i);
        }
        long total = in.readSigned();
        SketchHashes.checkShape(rows, width, "a packed sketch");
        budget.take(rows, width, what);
        long[][] cells = SparseCells.unpack(in.readBytes(in.read()), rows, width);
        return SketchValue.of(rows, width, fieldWidths, total, cells);
    }

    /** A varint that must fit an int as it is: one cut to its low 32 bits would read as another number. */
    private static int readInt(Varints.Reader in, String what, String of) {
        long v = in.read();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " has " + Long.toUnsignedString(v) + " " + of);
        }
        return (int) v;
    }

    private static Object read(Varints.Reader in, int kind, int column, long[] sharedLeft, SketchCellBudget cells) {
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
            case INT_LIST:
                byte[] packed = in.readBytes(in.read());
                return packed.length == 0 ? new ArrayList<>() : PackedIntegers.unpack(packed);
            case STRING_LIST:
                return readStrings(in, column, sharedLeft);
            case SKETCH:
                return readSketch(in, column, cells);
            default:
                throw new IllegalArgumentException("packed rows' column " + column + " is of an unknown kind " + kind);
        }
    }
}
