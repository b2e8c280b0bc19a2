package org.intstream.query.api;

import java.util.Objects;

/**
 * One ordering key of {@code sort}, made by {@link Expression#asc()} or {@link Expression#desc()}:
 * {@code relation.sort(Exprs.field("bytes").desc(), Exprs.field("src").asc())}. Immutable.
 */
public final class SortKey {
    private final Expression expression;
    private final boolean descending;

    SortKey(Expression expression, boolean descending) {
        this.expression = Objects.requireNonNull(expression, "sort expression can't be null");
        this.descending = descending;
    }

    public Expression expression() {
        return expression;
    }

    public boolean descending() {
        return descending;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SortKey && ((SortKey) o).expression.equals(expression)
                && ((SortKey) o).descending == descending;
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression, descending);
    }

    @Override
    public String toString() {
        return expression + (descending ? " desc" : " asc");
    }
}
