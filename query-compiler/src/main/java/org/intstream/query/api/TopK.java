package org.intstream.query.api;

import org.intstream.query.plan.TopKNode;

/**
 * The relation {@link WindowedRelation#topk} makes: the {@code k} rows of each window with the largest
 * value, or with the smallest after {@link #ascending()}, in the whole window or in each partition named by
 * {@link #per}.
 *
 * <pre>{@code
 * relation.topk(10, field("bytes")).per(field("dst"))   // | topk 10 by bytes per dst
 * relation.topk(5, field("rtt")).ascending()            // | topk 5 by rtt asc
 * }</pre>
 *
 * Immutable.
 */
public final class TopK extends WindowedRelation {

    TopK(Query query, TopKNode plan, BranchScope branch) {
        super(query, plan, branch);
    }

    private TopKNode node() {
        return (TopKNode) plan;
    }

    /** The smallest values instead of the largest. */
    public TopK ascending() {
        TopKNode t = node();
        return new TopK(query, new TopKNode(t.input(), t.k(), t.orderBy(), false, t.partitionBy(), null), branch);
    }

    /** The top {@code k} of each partition, the rows with equal values of these expressions. */
    public TopK per(Expression first, Expression... more) {
        TopKNode t = node();
        if (!t.partitionBy().isEmpty()) {
            throw new IllegalStateException("this topk already has its partition (per " + t.partitionBy() + ")");
        }
        return new TopK(query, t.withExprs(t.k(), t.orderBy(), exprs(first, more, "topk partition")), branch);
    }
}
