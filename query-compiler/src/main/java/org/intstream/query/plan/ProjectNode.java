package org.intstream.query.plan;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;

/** {@code map}: replaces each tuple by the named expressions computed over it. */
public final class ProjectNode extends SingleInputPlan {
    private final List<NamedExpr> columns;

    public ProjectNode(LogicalPlan input, List<NamedExpr> columns, SourcePosition position) {
        super(input, position);
        this.columns = List.copyOf(columns);
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("map needs at least one column");
        }
    }

    public List<NamedExpr> columns() {
        return columns;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new ProjectNode(input, columns, position());
    }

    public ProjectNode withColumns(List<NamedExpr> newColumns) {
        return new ProjectNode(input(), newColumns, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitProject(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectNode && ((ProjectNode) o).columns.equals(columns) && sameInput((ProjectNode) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, input());
    }
}
