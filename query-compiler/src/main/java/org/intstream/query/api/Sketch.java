package org.intstream.query.api;

import org.intstream.query.plan.SketchNode;

/**
 * The relation {@link WindowedRelation#sketch} makes: per window, the sketch with its dimensions and error
 * bound; {@link #top} also lists the estimates of the heaviest keys.
 *
 * <pre>{@code
 * relation.sketch(Aggregates.count().as("packets"))
 *         .by(field("ip.src").as("src"))
 *         .using(Approx.countMin(param("sketch_rows"), param("sketch_width")))
 *         .top(param("top_keys"))   // | sketch count() as packets by ip.src as src using countmin(...) top top_keys
 * }</pre>
 *
 * Immutable.
 */
public final class Sketch extends WindowedRelation {

    Sketch(Query query, SketchNode plan, BranchScope branch) {
        super(query, plan, branch);
    }

    /** Lists the estimates of the {@code keys} heaviest keys seen. */
    public WindowedRelation top(long keys) {
        return top(Exprs.lit(keys));
    }

    public WindowedRelation top(Expression keys) {
        SketchNode s = (SketchNode) plan;
        return next(s.with(s.value(), s.keys(), s.sketch(), resolve(keys, "the number of top keys")));
    }
}
