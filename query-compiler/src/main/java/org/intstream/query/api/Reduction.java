package org.intstream.query.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.ApproxSpec;
import org.intstream.query.plan.NamedExpr;

/**
 * The relation {@link WindowedRelation#reduce} makes: one row per window, or per key once {@link #by} names
 * the keys; {@link #using} estimates with sketches instead of exact state.
 *
 * <pre>{@code
 * relation.reduce(Aggregates.sum(field("len")).as("bytes"))  // | reduce sum(len) as bytes
 *         .by(field("ip.src").as("src"))                     //     by ip.src as src
 *         .using(Approx.countMin(3, 4096))                   //     using countmin(rows = 3, width = 4096)
 * }</pre>
 *
 * Immutable.
 */
public final class Reduction extends WindowedRelation {

    Reduction(Query query, AggregateNode plan, BranchScope branch) {
        super(query, plan, branch);
    }

    private AggregateNode node() {
        return (AggregateNode) plan;
    }

    /** Groups the rows by these key columns: one result row per key. */
    public Reduction by(Selectable first, Selectable... more) {
        if (!node().keys().isEmpty()) {
            throw new IllegalStateException("this reduce already has its keys (by " + node().keys() + ")");
        }
        List<NamedExpr> keys = columns(first, more, false, "reduce key");
        return new Reduction(query, node().with(keys, node().aggregates(), node().approx()), branch);
    }

    /** Keeps the counts and sums in sketches ({@link Approx#countMin}, {@link Approx#bloom}). */
    public Reduction using(Approx first, Approx... more) {
        if (!node().approx().isEmpty()) {
            throw new IllegalStateException("this reduce already has its sketches (using ...)");
        }
        Objects.requireNonNull(more, "reduce's sketches can't be null");
        List<ApproxSpec> specs = new ArrayList<>();
        specs.add(Objects.requireNonNull(first, "reduce's sketch can't be null").spec(query.resolver()));
        for (int i = 0; i < more.length; i++) {
            specs.add(Objects.requireNonNull(more[i], "reduce's sketch " + (i + 2) + " can't be null")
                    .spec(query.resolver()));
        }
        return new Reduction(query, node().with(node().keys(), node().aggregates(), specs), branch);
    }
}
