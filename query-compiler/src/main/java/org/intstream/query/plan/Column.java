package org.intstream.query.plan;

import java.util.Objects;
import org.intstream.query.type.Type;

/** A named, typed column of a stream or relation. */
public final class Column {
    private final String name;
    private final Type type;

    public Column(String name, Type type) {
        this.name = Objects.requireNonNull(name, "column name can't be null");
        this.type = Objects.requireNonNull(type, "column type can't be null");
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Column && ((Column) o).name.equals(name) && ((Column) o).type.equals(type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type);
    }

    @Override
    public String toString() {
        return name + " " + type;
    }
}
