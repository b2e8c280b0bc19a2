package org.intstream.query.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rebuilds an expression bottom-up, letting a function replace any node (after its children were
 * rewritten). Unchanged subtrees are shared, not copied.
 */
public final class ExprRewriter implements ExprVisitor<Expr> {
    private final Function<Expr, Expr> replace;

    private ExprRewriter(Function<Expr, Expr> replace) {
        this.replace = replace;
    }

    /** {@code replace} returns its argument to keep a node, or a new expression. */
    public static Expr rewrite(Expr e, Function<Expr, Expr> replace) {
        return e == null ? null : e.accept(new ExprRewriter(replace));
    }

    @Override
    public Expr visitLiteral(Literal literal) {
        return replace.apply(literal);
    }

    @Override
    public Expr visitField(FieldRef field) {
        return replace.apply(field);
    }

    @Override
    public Expr visitParam(ParamRef param) {
        return replace.apply(param);
    }

    @Override
    public Expr visitUnary(UnaryExpr u) {
        Expr operand = u.operand().accept(this);
        Expr node = operand == u.operand() ? u : new UnaryExpr(u.operator(), operand, u.position());
        return replace.apply(node);
    }

    @Override
    public Expr visitBinary(BinaryExpr b) {
        Expr l = b.left().accept(this);
        Expr r = b.right().accept(this);
        Expr node = l == b.left() && r == b.right() ? b : new BinaryExpr(b.operator(), l, r, b.position());
        return replace.apply(node);
    }

    @Override
    public Expr visitSubquery(SubqueryExpr s) {
        List<Expr> operands = new ArrayList<>();
        boolean changed = false;
        for (Expr o : s.operands()) {
            Expr r = o.accept(this);
            changed |= r != o;
            operands.add(r);
        }
        Expr node = changed ? new SubqueryExpr(s.kind(), s.negated(), operands, s.query(), s.position()) : s;
        return replace.apply(node);
    }

    @Override
    public Expr visitCall(CallExpr c) {
        List<Expr> args = new ArrayList<>();
        boolean changed = false;
        for (Expr a : c.arguments()) {
            Expr r = a.accept(this);
            changed |= r != a;
            args.add(r);
        }
        Expr node = changed ? new CallExpr(c.function(), args, c.position()) : c;
        return replace.apply(node);
    }
}
