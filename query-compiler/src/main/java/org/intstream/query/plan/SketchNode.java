package org.intstream.query.plan;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.Expr;

/**
 * {@code sketch}: the result of each window is a sketch rather than rows per key — a count-min sketch of
 * {@code count()} or {@code sum(x)} per key, with its dimensions, its error bound and the estimates of the
 * {@code top} heaviest keys seen.
 */
public final class SketchNode extends SingleInputPlan {
    private final NamedExpr value;
    private final List<NamedExpr> keys;
    private final ApproxSpec sketch;
    private final Expr top;

    public SketchNode(LogicalPlan input, NamedExpr value, List<NamedExpr> keys, ApproxSpec sketch, Expr top,
            SourcePosition position) {
        super(input, position);
        this.value = Objects.requireNonNull(value, "sketched value can't be null");
        this.keys = List.copyOf(keys);
        this.sketch = Objects.requireNonNull(sketch, "sketch spec can't be null");
        this.top = top;
        if (this.keys.isEmpty()) {
            throw new IllegalArgumentException("a sketch needs key columns");
        }
    }

    public NamedExpr value() {
        return value;
    }

    public List<NamedExpr> keys() {
        return keys;
    }

    public ApproxSpec sketch() {
        return sketch;
    }

    /** How many of the heaviest keys to list with their estimates, or null for none. */
    public Expr top() {
        return top;
    }

    @Override
    public LogicalPlan withInput(LogicalPlan input) {
        return new SketchNode(input, value, keys, sketch, top, position());
    }

    public SketchNode with(NamedExpr newValue, List<NamedExpr> newKeys, ApproxSpec newSketch, Expr newTop) {
        return new SketchNode(input(), newValue, newKeys, newSketch, newTop, position());
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitSketch(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SketchNode)) {
            return false;
        }
        SketchNode s = (SketchNode) o;
        return s.value.equals(value) && s.keys.equals(keys) && s.sketch.equals(sketch) && Objects.equals(s.top, top)
                && sameInput(s);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, keys, sketch, top, input());
    }
}
