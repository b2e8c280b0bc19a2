package org.intstream.query.expr;

/** Visits the kinds of {@link Expr}. */
public interface ExprVisitor<R> {
    R visitLiteral(Literal literal);

    R visitField(FieldRef field);

    R visitParam(ParamRef param);

    R visitUnary(UnaryExpr unary);

    R visitBinary(BinaryExpr binary);

    R visitCall(CallExpr call);
}
