package org.intstream.query.plan;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.Expr;

/** Orders the rows of each window (CQL {@code Order By}); absent values sort first. */
public final class SortNode extends SingleInputPlan {

    /** One ordering key. */
    public static final class Key {
        private final Expr expr;
        private final boolean descending;

        public Key(Expr expr, boolean descending) {
            this.expr = Objects.requireNonNull(expr, "sort expression can't be null");
            this.descending = descending;
        }

        public Expr expr() {
            return expr;
        }

        public boolean descending() {
            return descending;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).expr.equals(expr) && ((Key) o).descending == descending;
        }

        @Override
        public int hashCode() {
            return Objects.hash(expr, descending);
        }
    }

    private final List<Key> keys;

    public SortNode(LogicalPlan input, List<Key> keys, SourcePosition position) {
        super(input, position);
        this.keys = List.copyOf(keys);
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("sort needs at least one key");
        }
    }

    public List<Key> keys() {
        return keys;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new SortNode(input, keys, position());
    }

    public SortNode withKeys(List<Key> newKeys) {
        return new SortNode(input(), newKeys, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitSort(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SortNode && ((SortNode) o).keys.equals(keys) && sameInput((SortNode) o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keys, input());
    }
}
