package org.intstream.query.expr;

import java.util.Objects;
import org.intstream.query.SourcePosition;

/** {@code left op right}. */
public final class BinaryExpr extends Expr {
    private final BinaryOperator operator;
    private final Expr left;
    private final Expr right;

    public BinaryExpr(BinaryOperator operator, Expr left, Expr right, SourcePosition position) {
        super(position);
        this.operator = Objects.requireNonNull(operator, "operator can't be null");
        this.left = Objects.requireNonNull(left, "left operand can't be null");
        this.right = Objects.requireNonNull(right, "right operand can't be null");
    }

    public static BinaryExpr of(BinaryOperator op, Expr left, Expr right) {
        return new BinaryExpr(op, left, right, null);
    }

    public BinaryOperator operator() {
        return operator;
    }

    public Expr left() {
        return left;
    }

    public Expr right() {
        return right;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitBinary(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BinaryExpr)) {
            return false;
        }
        BinaryExpr b = (BinaryExpr) o;
        return b.operator == operator && b.left.equals(left) && b.right.equals(right);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operator, left, right);
    }
}
