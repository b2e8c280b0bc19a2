package org.intstream.query.expr;

import org.intstream.query.SourcePosition;

/**
 * A scalar expression in a query: field and parameter references, literals, operators and function
 * calls (aggregate calls included, inside {@code reduce}). Immutable; equality ignores positions.
 */
public abstract class Expr {
    private final SourcePosition position;

    protected Expr(SourcePosition position) {
        this.position = position == null ? SourcePosition.UNKNOWN : position;
    }

    public SourcePosition position() {
        return position;
    }

    public abstract <R> R accept(ExprVisitor<R> visitor);

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
