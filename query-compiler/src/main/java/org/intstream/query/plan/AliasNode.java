package org.intstream.query.plan;

import java.util.Objects;
import org.intstream.query.SourcePosition;

/**
 * Names the rows of a CQL {@code From} item ({@code Packets [Now] as P1}): its columns are then also
 * known as {@code P1.column}, which is how correlated subqueries reach them.
 */
public final class AliasNode extends SingleInputPlan {
    private final String alias;

    public AliasNode(LogicalPlan input, String alias, SourcePosition position) {
        super(input, position);
        this.alias = Objects.requireNonNull(alias, "alias can't be null");
    }

    public String alias() {
        return alias;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new AliasNode(input, alias, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitAlias(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AliasNode && ((AliasNode) o).alias.equals(alias) && sameInput((AliasNode) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alias, input());
    }
}
