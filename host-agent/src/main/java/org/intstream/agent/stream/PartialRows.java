package org.intstream.agent.stream;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.wire.RowColumns;
import org.intstream.engine.wire.SketchCellBudget;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.Row;

/**
 * A partial's rows on the wire: packed column by column ({@link RowColumns}) when every column holds one
 * kind of value it packs, as {@link RowCodec} Rows otherwise (absent values, prefixes, lists of addresses,
 * kinds mixed in a column).
 */
public final class PartialRows {
    private PartialRows() {
    }

    /** Sets the partial's rows in the shorter form that can hold them. */
    public static Partial.Builder set(Partial.Builder p, List<Object[]> rows) {
        p.clearRows().clearRowColumns();
        byte[] packed = RowColumns.pack(rows);
        if (packed != null) {
            return p.setRowColumns(ByteString.copyFrom(packed));
        }
        for (Object[] row : rows) {
            p.addRows(RowCodec.encode(row));
        }
        return p;
    }

    /**
     * The partial's rows, boxed as the engine holds them.
     *
     * @throws IllegalArgumentException when it has both forms, or one of them is damaged (naming the row and
     *     value), or its sketches hold more cells than a partial's may ({@link SketchCellBudget})
     */
    public static List<Object[]> of(Partial p) {
        if (!p.getRowColumns().isEmpty()) {
            if (p.getRowsCount() > 0) {
                throw new IllegalArgumentException("a partial with both rows and row_columns");
            }
            return RowColumns.unpack(p.getRowColumns().toByteArray());
        }
        List<Object[]> rows = new ArrayList<>(p.getRowsCount());
        SketchCellBudget cells = new SketchCellBudget();
        for (Row row : p.getRowsList()) {
            try {
                rows.add(RowCodec.decode(row, cells));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("row " + rows.size() + ", " + e.getMessage(), e);
            }
        }
        return rows;
    }
}
