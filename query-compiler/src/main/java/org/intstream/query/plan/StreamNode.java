package org.intstream.query.plan;

import java.util.Objects;
import org.intstream.query.SourcePosition;

/**
 * Turns a relation back into a stream (CQL): ISTREAM emits the tuples inserted at each instant, DSTREAM
 * the tuples deleted, RSTREAM the whole relation at each instant — for a tumbling or sliding window, the
 * window's rows when it closes, which is how every DSL pipeline ends.
 */
public final class StreamNode extends SingleInputPlan {

    /** Relation-to-stream operators. */
    public enum Kind { ISTREAM, DSTREAM, RSTREAM }

    private final Kind kind;

    public StreamNode(LogicalPlan input, Kind kind, SourcePosition position) {
        super(input, position);
        this.kind = Objects.requireNonNull(kind, "stream kind can't be null");
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new StreamNode(input, kind, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitStream(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamNode && ((StreamNode) o).kind == kind && sameInput((StreamNode) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, input());
    }
}
