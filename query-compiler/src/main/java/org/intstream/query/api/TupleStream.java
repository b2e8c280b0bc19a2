package org.intstream.query.api;

import java.util.Objects;
import org.intstream.query.plan.BranchInputNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.ProjectNode;
import org.intstream.query.plan.UnionNode;
import org.intstream.query.plan.WindowNode;

/**
 * A stream of tuples: the packets, another query's output, or a relation turned back into a stream.
 * Tuples are filtered and mapped one by one; everything that looks at several tuples (distinct, reduce,
 * topk, joins, …) needs a window first, so only {@link #window} leads there.
 *
 * <pre>{@code
 * Query.named("q").packets()
 *         .filter(field("ip.proto").eq(6))                 // | filter ip.proto == 6
 *         .map(field("ip.src"), field("len"))              // | map ip.src, len
 *         .window(Windows.tumbling(Duration.ofSeconds(5)))  // | window tumbling 5s
 * }</pre>
 *
 * Immutable: every operator returns a new stage.
 */
public final class TupleStream extends Pipeline {

    TupleStream(Query query, LogicalPlan plan, BranchScope branch) {
        super(query, plan, branch);
    }

    /** Keeps the tuples for which {@code predicate} is true. */
    public TupleStream filter(Expression predicate) {
        return new TupleStream(query, new FilterNode(plan, resolve(predicate, "predicate"), null), branch);
    }

    /** Replaces each tuple by the columns: {@code map(field("ip.dst").as("dst"), field("len"))}. */
    public TupleStream map(Selectable first, Selectable... more) {
        return new TupleStream(query, new ProjectNode(plan, columns(first, more, false, "map column"), null), branch);
    }

    /** Turns the stream into a relation: the tuples of the current window. */
    public WindowedRelation window(Windows window) {
        Objects.requireNonNull(window, "window can't be null");
        return new WindowedRelation(query, new WindowNode(plan, window.spec(query.resolver()), null), branch);
    }

    /** All tuples of this stream and of the other queries' outputs: {@code union tcp_rtt, other}. */
    public TupleStream union(String first, String... more) {
        return union(Source.stream(first), sources(more));
    }

    public TupleStream union(Source first, Source... more) {
        return new TupleStream(query, new UnionNode(unionInputs(plan, first, more), null), branch);
    }

    /**
     * Sends every tuple to each branch; each branch is a side output of the query. Nothing follows a split
     * but {@link Split#build()}.
     */
    @SafeVarargs
    public final Split split(Branch<TupleStream> first, Branch<TupleStream> second, Branch<TupleStream>... more) {
        return split(branches(first, second, more), scope -> new TupleStream(query, new BranchInputNode(null), scope));
    }
}
