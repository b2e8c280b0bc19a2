package org.intstream.query.plan;

import java.util.List;
import org.intstream.query.SourcePosition;

/** The leaf of a split branch's pipeline: the tuples of the split's input. */
public final class BranchInputNode extends LogicalPlan {

    public BranchInputNode(SourcePosition position) {
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
        return visitor.visitBranchInput(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BranchInputNode;
    }

    @Override
    public int hashCode() {
        return BranchInputNode.class.hashCode();
    }
}
