package org.intstream.query.expr;

import java.util.Objects;
import org.intstream.query.SourcePosition;

/** A reference to a column of the input: a catalogue field ({@code ip.src}) or a named result column. */
public final class FieldRef extends Expr {
    private final String name;

    public FieldRef(String name, SourcePosition position) {
        super(position);
        this.name = Objects.requireNonNull(name, "field name can't be null");
    }

    public static FieldRef of(String name) {
        return new FieldRef(name, null);
    }

    public String name() {
        return name;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitField(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldRef && ((FieldRef) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
