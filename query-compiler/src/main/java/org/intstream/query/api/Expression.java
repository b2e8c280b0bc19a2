package org.intstream.query.api;

import java.util.Objects;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.expr.UnaryOperator;

/**
 * A scalar or aggregate expression under construction; every operator returns a new expression and the
 * tree is the one the DSL text with the same operators would give (operators nest as the calls do, so no
 * precedence applies):
 *
 * <pre>{@code
 * Expression synOnly = Exprs.field("tcp.flags.syn").and(Exprs.field("tcp.flags.ack").not());
 * Expression tooMany = Exprs.field("ports").gt(Exprs.param("threshold"));   // ports > threshold
 * Expression rate = Exprs.field("bytes").dividedBy(Exprs.field("conns")).as("rate");
 * }</pre>
 *
 * Immutable; equal when the expression trees are.
 */
public final class Expression extends Selectable {
    private final Expr expr;

    Expression(Expr expr) {
        this.expr = Objects.requireNonNull(expr, "expression can't be null");
    }

    /** The expression tree of the logical plan. */
    public Expr expr() {
        return expr;
    }

    @Override
    Expression expression() {
        return this;
    }

    @Override
    String explicitName() {
        return null;
    }

    /** This expression as a column with a name: {@code Exprs.field("ip.src").as("src")}. */
    public NamedExpression as(String name) {
        return new NamedExpression(this, name);
    }

    public SortKey asc() {
        return new SortKey(this, false);
    }

    public SortKey desc() {
        return new SortKey(this, true);
    }

    // Logic.

    public Expression and(Expression other) {
        return binary(BinaryOperator.AND, other, "the right operand of 'and'");
    }

    public Expression or(Expression other) {
        return binary(BinaryOperator.OR, other, "the right operand of 'or'");
    }

    public Expression not() {
        return unary(UnaryOperator.NOT);
    }

    public Expression isPresent() {
        return unary(UnaryOperator.IS_PRESENT);
    }

    public Expression isAbsent() {
        return unary(UnaryOperator.IS_ABSENT);
    }

    // Comparisons.

    public Expression eq(Expression other) {
        return binary(BinaryOperator.EQ, other, "the right operand of '=='");
    }

    public Expression eq(long value) {
        return eq(Exprs.lit(value));
    }

    public Expression ne(Expression other) {
        return binary(BinaryOperator.NE, other, "the right operand of '!='");
    }

    public Expression ne(long value) {
        return ne(Exprs.lit(value));
    }

    public Expression lt(Expression other) {
        return binary(BinaryOperator.LT, other, "the right operand of '<'");
    }

    public Expression lt(long value) {
        return lt(Exprs.lit(value));
    }

    public Expression le(Expression other) {
        return binary(BinaryOperator.LE, other, "the right operand of '<='");
    }

    public Expression le(long value) {
        return le(Exprs.lit(value));
    }

    public Expression gt(Expression other) {
        return binary(BinaryOperator.GT, other, "the right operand of '>'");
    }

    public Expression gt(long value) {
        return gt(Exprs.lit(value));
    }

    public Expression ge(Expression other) {
        return binary(BinaryOperator.GE, other, "the right operand of '>='");
    }

    public Expression ge(long value) {
        return ge(Exprs.lit(value));
    }

    /** Membership: an address in a prefix ({@code ip.dst in 10.0.0.0/8}), a value in a list. */
    public Expression in(Expression container) {
        return binary(BinaryOperator.IN, container, "the right operand of 'in'");
    }

    // Arithmetic.

    public Expression plus(Expression other) {
        return binary(BinaryOperator.ADD, other, "the right operand of '+'");
    }

    public Expression plus(long value) {
        return plus(Exprs.lit(value));
    }

    public Expression minus(Expression other) {
        return binary(BinaryOperator.SUBTRACT, other, "the right operand of '-'");
    }

    public Expression minus(long value) {
        return minus(Exprs.lit(value));
    }

    public Expression times(Expression other) {
        return binary(BinaryOperator.MULTIPLY, other, "the right operand of '*'");
    }

    public Expression times(long value) {
        return times(Exprs.lit(value));
    }

    /** {@code /}: division as a fraction (a float result). */
    public Expression dividedBy(Expression other) {
        return binary(BinaryOperator.DIVIDE, other, "the right operand of '/'");
    }

    public Expression dividedBy(long value) {
        return dividedBy(Exprs.lit(value));
    }

    /** {@code //}: integer division. */
    public Expression intDividedBy(Expression other) {
        return binary(BinaryOperator.INT_DIVIDE, other, "the right operand of '//'");
    }

    public Expression intDividedBy(long value) {
        return intDividedBy(Exprs.lit(value));
    }

    public Expression mod(Expression other) {
        return binary(BinaryOperator.MODULO, other, "the right operand of '%'");
    }

    public Expression mod(long value) {
        return mod(Exprs.lit(value));
    }

    /** {@code -x}. Literals are negative values already ({@code Exprs.lit(-5)}); this negates any expression. */
    public Expression negate() {
        return unary(UnaryOperator.NEGATE);
    }

    // Bits.

    public Expression shiftLeft(Expression bits) {
        return binary(BinaryOperator.SHIFT_LEFT, bits, "the right operand of '<<'");
    }

    public Expression shiftLeft(long bits) {
        return shiftLeft(Exprs.lit(bits));
    }

    public Expression shiftRight(Expression bits) {
        return binary(BinaryOperator.SHIFT_RIGHT, bits, "the right operand of '>>'");
    }

    public Expression shiftRight(long bits) {
        return shiftRight(Exprs.lit(bits));
    }

    public Expression bitAnd(Expression other) {
        return binary(BinaryOperator.BIT_AND, other, "the right operand of '&'");
    }

    public Expression bitAnd(long value) {
        return bitAnd(Exprs.lit(value));
    }

    public Expression bitXor(Expression other) {
        return binary(BinaryOperator.BIT_XOR, other, "the right operand of '^'");
    }

    public Expression bitXor(long value) {
        return bitXor(Exprs.lit(value));
    }

    /** Whether this is a constant (a parameter's default value must be). */
    boolean isLiteral() {
        return expr instanceof Literal;
    }

    private Expression binary(BinaryOperator op, Expression other, String what) {
        Objects.requireNonNull(other, what + " can't be null");
        return new Expression(BinaryExpr.of(op, expr, other.expr));
    }

    private Expression unary(UnaryOperator op) {
        return new Expression(new UnaryExpr(op, expr, null));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expression && ((Expression) o).expr.equals(expr);
    }

    @Override
    public int hashCode() {
        return expr.hashCode();
    }

    /** The expression in the DSL's syntax. */
    @Override
    public String toString() {
        return expr.toString();
    }
}
