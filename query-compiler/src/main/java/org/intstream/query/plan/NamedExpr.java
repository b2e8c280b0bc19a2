package org.intstream.query.plan;

import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.Expr;

/** An expression with the name of the column it produces: {@code mask(ip.src, 24) as subnet}. */
public final class NamedExpr {
    private final String name;
    private final Expr expr;
    private final SourcePosition position;

    public NamedExpr(String name, Expr expr, SourcePosition position) {
        this.name = Objects.requireNonNull(name, "column name can't be null");
        this.expr = Objects.requireNonNull(expr, "expression can't be null");
        this.position = position == null ? expr.position() : position;
    }

    public static NamedExpr of(String name, Expr expr) {
        return new NamedExpr(name, expr, null);
    }

    public String name() {
        return name;
    }

    public Expr expr() {
        return expr;
    }

    public SourcePosition position() {
        return position;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedExpr && ((NamedExpr) o).name.equals(name) && ((NamedExpr) o).expr.equals(expr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, expr);
    }

    @Override
    public String toString() {
        return expr + " as " + name;
    }
}
