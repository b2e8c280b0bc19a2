package org.intstream.query.plan;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.Expr;

/**
 * Joins two relations of the same window: rows whose {@code using} columns are equal (and that satisfy the
 * optional extra condition). A LEFT join keeps left rows without a match, their right columns absent.
 */
public final class JoinNode extends LogicalPlan {

    /** Join kinds. CROSS (CQL's comma-separated From items) pairs every row with every row. */
    public enum Type { INNER, LEFT, CROSS }

    private final LogicalPlan left;
    private final LogicalPlan right;
    private final Type type;
    private final List<String> using;
    private final Expr condition;

    public JoinNode(LogicalPlan left, LogicalPlan right, Type type, List<String> using, Expr condition,
            SourcePosition position) {
        super(position);
        this.left = Objects.requireNonNull(left, "left input can't be null");
        this.right = Objects.requireNonNull(right, "right input can't be null");
        this.type = Objects.requireNonNull(type, "join type can't be null");
        this.using = List.copyOf(using);
        this.condition = condition;
        if (type != Type.CROSS && this.using.isEmpty() && condition == null) {
            throw new IllegalArgumentException("a join needs using columns or a condition");
        }
    }

    public LogicalPlan left() {
        return left;
    }

    public LogicalPlan right() {
        return right;
    }

    public Type type() {
        return type;
    }

    public List<String> using() {
        return using;
    }

    /** Extra condition over both sides' columns, or null. */
    public Expr condition() {
        return condition;
    }

    @Override
    public List<LogicalPlan> inputs() {
        return List.of(left, right);
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        return new JoinNode(inputs.get(0), inputs.get(1), type, using, condition, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitJoin(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JoinNode)) {
            return false;
        }
        JoinNode j = (JoinNode) o;
        return j.left.equals(left) && j.right.equals(right) && j.type == type && j.using.equals(using)
                && Objects.equals(j.condition, condition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(left, right, type, using, condition);
    }
}
