package org.intstream.query.expr;

import java.util.Objects;
import org.intstream.query.SourcePosition;

/** {@code not x}, {@code -x}, {@code x is present}, {@code x is absent}. */
public final class UnaryExpr extends Expr {
    private final UnaryOperator operator;
    private final Expr operand;

    public UnaryExpr(UnaryOperator operator, Expr operand, SourcePosition position) {
        super(position);
        this.operator = Objects.requireNonNull(operator, "operator can't be null");
        this.operand = Objects.requireNonNull(operand, "operand can't be null");
    }

    public UnaryOperator operator() {
        return operator;
    }

    public Expr operand() {
        return operand;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitUnary(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnaryExpr && ((UnaryExpr) o).operator == operator
                && ((UnaryExpr) o).operand.equals(operand);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operator, operand);
    }
}
