package org.intstream.query.api;

import org.intstream.query.QueryDefinition;
import org.intstream.query.plan.SplitNode;

/**
 * The end of a query whose last operator is a split: each branch is a side output of the query
 * ({@code split_processing.tcp}). Nothing follows a split but {@link #build()}.
 */
public final class Split {
    private final Query query;
    private final SplitNode plan;

    Split(Query query, SplitNode plan) {
        this.query = query;
        this.plan = plan;
    }

    /** The query definition; its outputs are named {@code query.branch}. */
    public QueryDefinition build() {
        return new QueryDefinition(query.name(), query.parameters(), plan, query.description());
    }

    @Override
    public String toString() {
        return query.name() + ": " + plan;
    }
}
