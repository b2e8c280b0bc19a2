package org.intstream.query.api;

import java.util.Objects;

/**
 * The aggregate functions of {@code reduce} and {@code sketch}. Aggregates are expressions and combine
 * with operators:
 *
 * <pre>{@code
 * relation.reduce(Aggregates.count().as("packets"), Aggregates.sum(Exprs.field("len")).as("bytes"))
 *         .by(Exprs.field("ip.src").as("src"));
 * Aggregates.countIf(synOnly).minus(Aggregates.countIf(Exprs.field("tcp.analysis.handshake"))).as("half_open")
 * }</pre>
 *
 * Unnamed, an aggregate column is named after its function ({@code count}).
 */
public final class Aggregates {
    private Aggregates() {
    }

    /** The number of tuples. */
    public static Expression count() {
        return Exprs.call("count");
    }

    /** The number of tuples where {@code value} is present. */
    public static Expression count(Expression value) {
        return Exprs.call("count", required(value, "count"));
    }

    /** The number of tuples where {@code condition} is true. */
    public static Expression countIf(Expression condition) {
        return Exprs.call("countif", required(condition, "countif"));
    }

    /** The number of distinct combinations of the values. */
    public static Expression countDistinct(Expression first, Expression... more) {
        Objects.requireNonNull(more, "count_distinct arguments can't be null");
        Expression[] all = new Expression[more.length + 1];
        all[0] = required(first, "count_distinct");
        System.arraycopy(more, 0, all, 1, more.length);
        return Exprs.call("count_distinct", all);
    }

    public static Expression sum(Expression value) {
        return Exprs.call("sum", required(value, "sum"));
    }

    public static Expression min(Expression value) {
        return Exprs.call("min", required(value, "min"));
    }

    public static Expression max(Expression value) {
        return Exprs.call("max", required(value, "max"));
    }

    public static Expression avg(Expression value) {
        return Exprs.call("avg", required(value, "avg"));
    }

    /** The present values in arrival order, as a list. */
    public static Expression collect(Expression value) {
        return Exprs.call("collect", required(value, "collect"));
    }

    /** The first present value. */
    public static Expression any(Expression value) {
        return Exprs.call("any", required(value, "any"));
    }

    /** The nearest-rank {@code p}-th percentile of the present values. */
    public static Expression percentile(Expression value, Expression p) {
        return Exprs.call("percentile", required(value, "percentile"), Objects.requireNonNull(p,
                "the percentile of percentile(...) can't be null"));
    }

    public static Expression percentile(Expression value, long p) {
        return percentile(value, Exprs.lit(p));
    }

    private static Expression required(Expression e, String function) {
        return Objects.requireNonNull(e, "the argument of " + function + "(...) can't be null");
    }
}
