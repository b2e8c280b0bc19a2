package org.intstream.query.plan;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;

/** All tuples of several inputs with the same columns (a bag union: duplicates are kept). */
public final class UnionNode extends LogicalPlan {
    private final List<LogicalPlan> inputs;

    public UnionNode(List<LogicalPlan> inputs, SourcePosition position) {
        super(position);
        this.inputs = List.copyOf(inputs);
        if (this.inputs.size() < 2) {
            throw new IllegalArgumentException("a union needs at least two inputs");
        }
    }

    @Override
    public List<LogicalPlan> inputs() {
        return inputs;
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> newInputs) {
        return new UnionNode(newInputs, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitUnion(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnionNode && ((UnionNode) o).inputs.equals(inputs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputs, "union");
    }
}
