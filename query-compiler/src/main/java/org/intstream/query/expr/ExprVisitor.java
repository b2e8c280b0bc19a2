package org.intstream.query.expr;

/** Visits the kinds of {@link Expr}. */
public interface ExprVisitor<R> {
    R visitLiteral(Literal literal);

    R visitField(FieldRef field);

    R visitParam(ParamRef param);

    R visitUnary(UnaryExpr unary);

    R visitBinary(BinaryExpr binary);

    R visitCall(CallExpr call);

    /** CQL's subqueries; visitors of DSL expressions, which never contain one, may refuse them. */
    default R visitSubquery(SubqueryExpr subquery) {
        throw new UnsupportedOperationException("subqueries are CQL's: " + subquery);
    }
}
