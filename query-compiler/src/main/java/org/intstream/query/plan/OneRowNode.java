package org.intstream.query.plan;

import java.util.List;
import org.intstream.query.SourcePosition;

/**
 * A relation of exactly one row with no columns, at every instant: what a CQL statement that is an
 * expression ({@code (Select Count(*) …) / (Select Count(*) …)}) is computed over.
 */
public final class OneRowNode extends LogicalPlan {

    public OneRowNode(SourcePosition position) {
        super(position);
    }

    @Override
    public List<LogicalPlan> inputs() {
        return List.of();
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        return this;
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitOneRow(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneRowNode;
    }

    @Override
    public int hashCode() {
        return OneRowNode.class.hashCode();
    }
}
