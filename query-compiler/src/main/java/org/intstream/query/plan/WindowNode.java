package org.intstream.query.plan;

import java.util.Objects;
import org.intstream.query.SourcePosition;

/** Turns a stream into a relation: the tuples inside the current window(s). */
public final class WindowNode extends SingleInputPlan {
    private final WindowSpec spec;

    public WindowNode(LogicalPlan input, WindowSpec spec, SourcePosition position) {
        super(input, position);
        this.spec = Objects.requireNonNull(spec, "window spec can't be null");
    }

    public WindowSpec spec() {
        return spec;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new WindowNode(input, spec, position());
    }

    public WindowNode withSpec(WindowSpec newSpec) {
        return new WindowNode(input(), newSpec, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitWindow(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowNode && ((WindowNode) o).spec.equals(spec) && sameInput((WindowNode) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, input());
    }
}
