package org.intstream.query.plan;

import java.util.Objects;
import org.intstream.query.SourcePosition;

/**
 * Removes duplicate tuples within each window. With a {@code bloom(...)} spec it runs as a Bloom filter:
 * a false positive drops a tuple that was new, which the result reports as its error.
 */
public final class DistinctNode extends SingleInputPlan {
    private final ApproxSpec approx;

    public DistinctNode(LogicalPlan input, ApproxSpec approx, SourcePosition position) {
        super(input, position);
        this.approx = approx;
    }

    /** The sketch to use, or null for exact state. */
    public ApproxSpec approx() {
        return approx;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new DistinctNode(input, approx, position());
    }

    public DistinctNode withApprox(ApproxSpec newApprox) {
        return new DistinctNode(input(), newApprox, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitDistinct(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistinctNode && Objects.equals(((DistinctNode) o).approx, approx)
                && sameInput((DistinctNode) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(approx, input());
    }
}
