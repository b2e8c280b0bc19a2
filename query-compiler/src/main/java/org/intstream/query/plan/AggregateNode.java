package org.intstream.query.plan;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;

/**
 * {@code reduce}: groups the tuples of each window by the key columns and computes the aggregate columns.
 * An aggregate column is any expression over aggregate calls ({@code count() - countif(x)}). With no keys,
 * every window yields exactly one row, even when all its tuples were filtered out (SQL's global aggregate).
 * With a {@code countmin(...)} spec, counts and sums are estimated by a count-min sketch.
 */
public final class AggregateNode extends SingleInputPlan {
    private final List<NamedExpr> keys;
    private final List<NamedExpr> aggregates;
    private final List<ApproxSpec> approx;

    public AggregateNode(LogicalPlan input, List<NamedExpr> keys, List<NamedExpr> aggregates, List<ApproxSpec> approx,
            SourcePosition position) {
        super(input, position);
        this.keys = List.copyOf(keys);
        this.aggregates = List.copyOf(aggregates);
        this.approx = List.copyOf(approx);
        if (this.aggregates.isEmpty()) {
            throw new IllegalArgumentException("reduce needs at least one aggregate");
        }
    }

    public List<NamedExpr> keys() {
        return keys;
    }

    public List<NamedExpr> aggregates() {
        return aggregates;
    }

    /** Sketches to use instead of exact state; empty for exact. */
    public List<ApproxSpec> approx() {
        return approx;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new AggregateNode(input, keys, aggregates, approx, position());
    }

    public AggregateNode with(List<NamedExpr> newKeys, List<NamedExpr> newAggregates, List<ApproxSpec> newApprox) {
        return new AggregateNode(input(), newKeys, newAggregates, newApprox, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitAggregate(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AggregateNode)) {
            return false;
        }
        AggregateNode a = (AggregateNode) o;
        return a.keys.equals(keys) && a.aggregates.equals(aggregates) && a.approx.equals(approx) && sameInput(a);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keys, aggregates, approx, input());
    }
}
