package org.intstream.query.api;

import java.util.Objects;

/**
 * An expression with the name of the column it produces, made by {@link Expression#as(String)}:
 * {@code Exprs.call("mask", Exprs.field("ip.src"), Exprs.lit(24)).as("subnet")}. Immutable.
 */
public final class NamedExpression extends Selectable {
    private final Expression expression;
    private final String name;

    NamedExpression(Expression expression, String name) {
        this.expression = Objects.requireNonNull(expression, "expression can't be null");
        this.name = Names.ident(name, "column name");
    }

    public String name() {
        return name;
    }

    @Override
    public Expression expression() {
        return expression;
    }

    @Override
    String explicitName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedExpression && ((NamedExpression) o).name.equals(name)
                && ((NamedExpression) o).expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, expression);
    }

    @Override
    public String toString() {
        return expression + " as " + name;
    }
}
