package org.intstream.query.plan;

import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.Expr;

/** Keeps the tuples for which the condition is true (absent counts as not true, as in SQL). */
public final class FilterNode extends SingleInputPlan {
    private final Expr condition;

    public FilterNode(LogicalPlan input, Expr condition, SourcePosition position) {
        super(input, position);
        this.condition = Objects.requireNonNull(condition, "filter condition can't be null");
    }

    public Expr condition() {
        return condition;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new FilterNode(input, condition, position());
    }

    public FilterNode withCondition(Expr newCondition) {
        return new FilterNode(input(), newCondition, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitFilter(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilterNode && ((FilterNode) o).condition.equals(condition) && sameInput((FilterNode) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(condition, input());
    }
}
