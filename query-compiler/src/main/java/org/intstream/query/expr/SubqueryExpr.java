package org.intstream.query.expr;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.plan.LogicalPlan;

/**
 * A query inside an expression (CQL): a scalar subquery {@code (Select Count(*) …)}, {@code [Not] Exists
 * (…)}, or {@code (a, b) [Not] In (Select …)}. The subquery may refer to the columns of the rows around it
 * (a correlated subquery), which the CQL engine resolves at each evaluation.
 */
public final class SubqueryExpr extends Expr {

    /** What the subquery is asked. */
    public enum Kind { SCALAR, EXISTS, IN }

    private final Kind kind;
    private final boolean negated;
    private final List<Expr> operands;
    private final LogicalPlan query;

    public SubqueryExpr(Kind kind, boolean negated, List<Expr> operands, LogicalPlan query, SourcePosition position) {
        super(position);
        this.kind = Objects.requireNonNull(kind, "subquery kind can't be null");
        this.negated = negated;
        this.operands = List.copyOf(operands);
        this.query = Objects.requireNonNull(query, "subquery can't be null");
        if (kind == Kind.IN && this.operands.isEmpty()) {
            throw new IllegalArgumentException("an In subquery needs the values it looks for");
        }
    }

    public Kind kind() {
        return kind;
    }

    /** Not Exists, Not In. */
    public boolean negated() {
        return negated;
    }

    /** For In: the value (or tuple of values) looked for. */
    public List<Expr> operands() {
        return operands;
    }

    public LogicalPlan query() {
        return query;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitSubquery(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SubqueryExpr)) {
            return false;
        }
        SubqueryExpr s = (SubqueryExpr) o;
        return s.kind == kind && s.negated == negated && s.operands.equals(operands) && s.query.equals(query);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, negated, operands, query);
    }
}
