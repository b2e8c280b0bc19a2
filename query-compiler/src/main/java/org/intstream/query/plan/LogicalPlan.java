package org.intstream.query.plan;

import java.util.List;
import org.intstream.query.SourcePosition;

/**
 * A node of a logical plan, in CQL's model: streams of timestamped tuples and relations that change at
 * instants. Window operators turn streams into relations; relational operators work on relations (or,
 * tuple by tuple, on streams); Istream, Dstream and Rstream turn relations back into streams.
 *
 * <p>Plans are immutable trees; equality is structural and ignores source positions.
 */
public abstract class LogicalPlan {
    private final SourcePosition position;

    protected LogicalPlan(SourcePosition position) {
        this.position = position == null ? SourcePosition.UNKNOWN : position;
    }

    public SourcePosition position() {
        return position;
    }

    /** The plans this node reads, in order. */
    public abstract List<LogicalPlan> inputs();

    /** The same node over other inputs (same count). */
    public abstract LogicalPlan withInputs(List<LogicalPlan> inputs);

    public abstract <R> R accept(PlanVisitor<R> visitor);

    /** The single input of a one-input node. */
    public LogicalPlan input() {
        List<LogicalPlan> in = inputs();
        if (in.size() != 1) {
            throw new IllegalStateException(getClass().getSimpleName() + " has " + in.size() + " inputs");
        }
        return in.get(0);
    }

    @Override
    public String toString() {
        return PlanExplainer.explain(this);
    }
}
