package org.intstream.query.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.query.expr.Field;
import org.intstream.query.expr.FieldCatalog;

/** The ordered columns of a stream or relation. The packet stream's schema is the field catalogue. */
public final class Schema {
    private final List<Column> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final boolean packets;

    private Schema(List<Column> columns, boolean packets) {
        this.columns = List.copyOf(columns);
        this.packets = packets;
        for (int i = 0; i < this.columns.size(); i++) {
            if (index.put(this.columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException("column '" + this.columns.get(i).name() + "' appears twice");
            }
        }
    }

    public static Schema of(List<Column> columns) {
        return new Schema(columns, false);
    }

    /** Every field of the catalogue: what {@code packets} offers. */
    public static Schema packets() {
        List<Column> cols = new ArrayList<>();
        for (Field f : FieldCatalog.all()) {
            cols.add(new Column(f.name(), f.type()));
        }
        return new Schema(cols, true);
    }

    /** True for the packet stream's schema (columns are catalogue fields read from packets). */
    public boolean isPackets() {
        return packets;
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    /** Index of a column, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    public Column column(String name) {
        Integer i = index.get(name);
        return i == null ? null : columns.get(i);
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            names.add(c.name());
        }
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema && ((Schema) o).columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return columns.toString();
    }
}
