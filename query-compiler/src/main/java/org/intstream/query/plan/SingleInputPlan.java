package org.intstream.query.plan;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;

/** Base of the nodes that read exactly one plan. */
public abstract class SingleInputPlan extends LogicalPlan {
    private final LogicalPlan input;

    protected SingleInputPlan(LogicalPlan input, SourcePosition position) {
        super(position);
        this.input = Objects.requireNonNull(input, "input plan can't be null");
    }

    @Override
    public LogicalPlan input() {
        return input;
    }

    @Override
    public List<LogicalPlan> inputs() {
        return List.of(input);
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " takes one input");
        }
        return inputs.get(0) == input ? this : withInput(inputs.get(0));
    }

    public abstract LogicalPlan withInput(LogicalPlan input);

    protected boolean sameInput(SingleInputPlan other) {
        return input.equals(other.input);
    }
}
