package org.intstream.query.plan;

import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.Expr;

/**
 * Keeps the rows of each window whose value lies above the p-th percentile: a row r stays when the number
 * of rows with a smaller value exceeds {@code p/100} of all rows (the definition of the STREAM top-k
 * traffic query).
 */
public final class PercentileNode extends SingleInputPlan {
    private final Expr percentile;
    private final Expr value;

    public PercentileNode(LogicalPlan input, Expr percentile, Expr value, SourcePosition position) {
        super(input, position);
        this.percentile = Objects.requireNonNull(percentile, "percentile can't be null");
        this.value = Objects.requireNonNull(value, "value can't be null");
    }

    public Expr percentile() {
        return percentile;
    }

    public Expr value() {
        return value;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new PercentileNode(input, percentile, value, position());
    }

    public PercentileNode withExprs(Expr newPercentile, Expr newValue) {
        return new PercentileNode(input(), newPercentile, newValue, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitPercentile(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PercentileNode && ((PercentileNode) o).percentile.equals(percentile)
                && ((PercentileNode) o).value.equals(value) && sameInput((PercentileNode) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(percentile, value, input());
    }
}
