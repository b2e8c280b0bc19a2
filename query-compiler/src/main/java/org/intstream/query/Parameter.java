package org.intstream.query;

import java.util.Objects;
import org.intstream.query.expr.Literal;
import org.intstream.query.type.Type;

/** A named query parameter with its type and default value: {@code threshold = 100}, {@code window = 10s}. */
public final class Parameter {
    private final String name;
    private final Literal defaultValue;
    private final SourcePosition position;

    public Parameter(String name, Literal defaultValue, SourcePosition position) {
        this.name = Objects.requireNonNull(name, "parameter name can't be null");
        this.defaultValue = Objects.requireNonNull(defaultValue, "parameter " + name + " needs a default value");
        this.position = position == null ? SourcePosition.UNKNOWN : position;
    }

    public static Parameter of(String name, Literal defaultValue) {
        return new Parameter(name, defaultValue, null);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return defaultValue.type();
    }

    public Literal defaultValue() {
        return defaultValue;
    }

    public SourcePosition position() {
        return position;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameter && ((Parameter) o).name.equals(name)
                && ((Parameter) o).defaultValue.equals(defaultValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, defaultValue);
    }

    @Override
    public String toString() {
        return name + " = " + defaultValue;
    }
}
