package org.intstream.query.api;

import java.util.List;
import java.util.Objects;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.SketchNode;

/**
 * A sketch with its value and keys, that needs its kind and dimensions next:
 * {@code .using(Approx.countMin(3, 4096))}.
 */
public final class KeyedSketch {
    private final WindowedRelation in;
    private final NamedExpr value;
    private final List<NamedExpr> keys;

    KeyedSketch(WindowedRelation in, NamedExpr value, List<NamedExpr> keys) {
        this.in = in;
        this.value = value;
        this.keys = keys;
    }

    /** The sketch to keep: {@link Approx#countMin}. */
    public Sketch using(Approx sketch) {
        Objects.requireNonNull(sketch, "sketch kind can't be null");
        return new Sketch(in.query, new SketchNode(in.plan, value, keys, sketch.spec(in.query.resolver()), null,
                null), in.branch);
    }
}
