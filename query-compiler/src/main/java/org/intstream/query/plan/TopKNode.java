package org.intstream.query.plan;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.Expr;

/**
 * The {@code k} rows of each window (or of each partition of it) with the largest (or smallest) value of an
 * expression. Ties at the k-th place are broken by the remaining columns, so results are deterministic.
 */
public final class TopKNode extends SingleInputPlan {
    private final Expr k;
    private final Expr orderBy;
    private final boolean descending;
    private final List<Expr> partitionBy;

    public TopKNode(LogicalPlan input, Expr k, Expr orderBy, boolean descending, List<Expr> partitionBy,
            SourcePosition position) {
        super(input, position);
        this.k = Objects.requireNonNull(k, "k can't be null");
        this.orderBy = Objects.requireNonNull(orderBy, "order expression can't be null");
        this.descending = descending;
        this.partitionBy = List.copyOf(partitionBy);
    }

    public Expr k() {
        return k;
    }

    public Expr orderBy() {
        return orderBy;
    }

    public boolean descending() {
        return descending;
    }

    public List<Expr> partitionBy() {
        return partitionBy;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new TopKNode(input, k, orderBy, descending, partitionBy, position());
    }

    public TopKNode withExprs(Expr newK, Expr newOrderBy, List<Expr> newPartitionBy) {
        return new TopKNode(input(), newK, newOrderBy, descending, newPartitionBy, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitTopK(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TopKNode)) {
            return false;
        }
        TopKNode t = (TopKNode) o;
        return t.k.equals(k) && t.orderBy.equals(orderBy) && t.descending == descending
                && t.partitionBy.equals(partitionBy) && sameInput(t);
    }

    @Override
    public int hashCode() {
        return Objects.hash(k, orderBy, descending, partitionBy, input());
    }
}
