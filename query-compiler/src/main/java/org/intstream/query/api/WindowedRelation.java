package org.intstream.query.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.BranchInputNode;
import org.intstream.query.plan.DistinctNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.JoinNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.PercentileNode;
import org.intstream.query.plan.ProjectNode;
import org.intstream.query.plan.SortNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.plan.TopKNode;
import org.intstream.query.plan.UnionNode;

/**
 * A relation: the tuples of the current window, after {@link TupleStream#window}. The relational
 * operators work here, once per window; a relation is not windowed again. At the end of the query a
 * relation becomes a stream of each window's rows (an Rstream), as in the DSL; {@link #istream()},
 * {@link #dstream()} and {@link #rstream()} turn it into a stream explicitly.
 *
 * <pre>{@code
 * relation.map(field("ip.src"), field("l4.dport"))  // | map ip.src, l4.dport
 *         .distinct()                                 // | distinct
 *         .reduce(Aggregates.count().as("ports"))     // | reduce count() as ports
 *         .by(field("ip.src").as("src"))              //     by ip.src as src
 *         .filter(field("ports").gt(param("limit")))  // | filter ports > limit
 *         .topk(10, field("ports"))                   // | topk 10 by ports
 * }</pre>
 *
 * Immutable: every operator returns a new stage.
 */
public class WindowedRelation extends Pipeline {

    WindowedRelation(Query query, LogicalPlan plan, BranchScope branch) {
        super(query, plan, branch);
    }

    WindowedRelation next(LogicalPlan next) {
        return new WindowedRelation(query, next, branch);
    }

    /** Keeps the rows for which {@code predicate} is true. */
    public WindowedRelation filter(Expression predicate) {
        return next(new FilterNode(plan, resolve(predicate, "predicate"), null));
    }

    /** Replaces each row by the columns: {@code map(field("dst"), field("bytes").times(8).as("bits"))}. */
    public WindowedRelation map(Selectable first, Selectable... more) {
        return next(new ProjectNode(plan, columns(first, more, false, "map column"), null));
    }

    /** Removes duplicate rows within each window. */
    public WindowedRelation distinct() {
        return next(new DistinctNode(plan, null, null));
    }

    /** Removes duplicate rows with a Bloom filter ({@link Approx#bloom}) instead of exact state. */
    public WindowedRelation distinct(Approx sketch) {
        Objects.requireNonNull(sketch, "distinct's sketch can't be null");
        return next(new DistinctNode(plan, sketch.spec(query.resolver()), null));
    }

    /**
     * Aggregates each window into one row, or one row per key with {@link Reduction#by}:
     * {@code reduce(Aggregates.count().as("ports"), Aggregates.sum(field("len")))}.
     */
    public Reduction reduce(Selectable first, Selectable... more) {
        List<NamedExpr> aggregates = columns(first, more, true, "reduce column");
        return new Reduction(query, new AggregateNode(plan, List.of(), aggregates, List.of(), null), branch);
    }

    /**
     * A sketch of each window instead of rows: {@code sketch(Aggregates.count().as("packets"))
     * .by(field("ip.src").as("src")).using(Approx.countMin(3, 4096))}.
     */
    public PendingSketch sketch(Selectable value) {
        Objects.requireNonNull(value, "sketched value can't be null");
        return new PendingSketch(this, columns(List.of(value), true, "sketched value", new TreeSet<>()).get(0));
    }

    /** The {@code k} rows with the largest {@code orderBy} in each window; see {@link TopK} for more. */
    public TopK topk(long k, Expression orderBy) {
        return topk(Exprs.lit(k), orderBy);
    }

    public TopK topk(Expression k, Expression orderBy) {
        TopKNode node = new TopKNode(plan, resolve(k, "topk's k"), resolve(orderBy, "topk's order"), true, List.of(),
                null);
        return new TopK(query, node, branch);
    }

    /** The rows whose {@code value} lies above the {@code p}-th percentile of the window. */
    public WindowedRelation percentile(long p, Expression value) {
        return percentile(Exprs.lit(p), value);
    }

    public WindowedRelation percentile(double p, Expression value) {
        return percentile(Exprs.lit(p), value);
    }

    public WindowedRelation percentile(Expression p, Expression value) {
        return next(new PercentileNode(plan, resolve(p, "the percentile"), resolve(value, "percentile's value"),
                null));
    }

    /** Joins the rows of the same window of another query's output; say on what with using or on. */
    public PendingJoin join(String stream) {
        return join(Source.stream(stream));
    }

    public PendingJoin join(Source source) {
        return new PendingJoin(this, scan(source, "join source"), JoinNode.Type.INNER);
    }

    /** Like {@link #join} but keeps the rows without a match, their right columns absent. */
    public PendingJoin leftJoin(String stream) {
        return leftJoin(Source.stream(stream));
    }

    public PendingJoin leftJoin(Source source) {
        return new PendingJoin(this, scan(source, "join source"), JoinNode.Type.LEFT);
    }

    /** All rows of this relation and of the other queries' outputs. */
    public WindowedRelation union(String first, String... more) {
        return union(Source.stream(first), sources(more));
    }

    public WindowedRelation union(Source first, Source... more) {
        return next(new UnionNode(unionInputs(plan, first, more), null));
    }

    /** Orders the rows of each window: {@code sort(field("bytes").desc(), field("src").asc())}. */
    public WindowedRelation sort(SortKey first, SortKey... more) {
        Objects.requireNonNull(more, "sort keys can't be null");
        List<SortNode.Key> keys = new ArrayList<>();
        keys.add(key(first, 1));
        for (int i = 0; i < more.length; i++) {
            keys.add(key(more[i], i + 2));
        }
        return next(new SortNode(plan, keys, null));
    }

    /** Orders the rows of each window by the expressions, ascending. */
    public WindowedRelation sort(Expression first, Expression... more) {
        Objects.requireNonNull(more, "sort keys can't be null");
        SortKey[] rest = new SortKey[more.length];
        for (int i = 0; i < more.length; i++) {
            rest[i] = Objects.requireNonNull(more[i], "sort key " + (i + 2) + " can't be null").asc();
        }
        return sort(Objects.requireNonNull(first, "sort key can't be null").asc(), rest);
    }

    private SortNode.Key key(SortKey k, int index) {
        Objects.requireNonNull(k, "sort key " + (index == 1 ? "" : index + " ") + "can't be null");
        return new SortNode.Key(resolve(k.expression(), "sort key"), k.descending());
    }

    /** The rows that each window inserts, as a stream. */
    public TupleStream istream() {
        return toStream(StreamNode.Kind.ISTREAM);
    }

    /** The rows that each window deletes, as a stream. */
    public TupleStream dstream() {
        return toStream(StreamNode.Kind.DSTREAM);
    }

    /** Each window's rows when it closes, as a stream (how a query ends when nothing else is said). */
    public TupleStream rstream() {
        return toStream(StreamNode.Kind.RSTREAM);
    }

    private TupleStream toStream(StreamNode.Kind kind) {
        return new TupleStream(query, new StreamNode(plan, kind, null), branch);
    }

    /**
     * Sends every row to each branch, each branch a side output of the query; a branch that ends as a
     * relation is closed by an Rstream. Nothing follows a split but {@link Split#build()}.
     */
    @SafeVarargs
    public final Split split(Branch<WindowedRelation> first, Branch<WindowedRelation> second,
            Branch<WindowedRelation>... more) {
        return split(branches(first, second, more),
                scope -> new WindowedRelation(query, new BranchInputNode(null), scope));
    }
}
