package org.intstream.query.expr;

import java.util.Objects;
import org.intstream.query.SourcePosition;

/** A reference to a query parameter, replaced by its value when the query is bound. */
public final class ParamRef extends Expr {
    private final String name;

    public ParamRef(String name, SourcePosition position) {
        super(position);
        this.name = Objects.requireNonNull(name, "parameter name can't be null");
    }

    public static ParamRef of(String name) {
        return new ParamRef(name, null);
    }

    public String name() {
        return name;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitParam(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamRef && ((ParamRef) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return 31 + name.hashCode();
    }
}
