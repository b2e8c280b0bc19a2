package org.intstream.query.api;

import org.intstream.query.plan.JoinNode;

/**
 * A join on equal columns ({@link PendingJoin#using}); {@link #on} adds a condition the pairs must also
 * meet: {@code .join("other").using("src").on(field("a").lt(field("b")))}. Immutable.
 */
public final class Join extends WindowedRelation {

    Join(Query query, JoinNode plan, BranchScope branch) {
        super(query, plan, branch);
    }

    /** Keeps the matched pairs for which {@code condition} is also true. */
    public WindowedRelation on(Expression condition) {
        JoinNode j = (JoinNode) plan;
        return new WindowedRelation(query, new JoinNode(j.left(), j.right(), j.type(), j.using(),
                resolve(condition, "join condition"), null), branch);
    }
}
