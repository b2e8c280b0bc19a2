/**
 * Queries written in Java with the shape of the DSL, typed by stage: {@link org.intstream.query.api.Query}
 * starts a query and names its parameters; {@link org.intstream.query.api.TupleStream} filters and maps
 * tuples and windows them; {@link org.intstream.query.api.WindowedRelation} offers the per-window operators
 * (distinct, reduce, sketch, topk, percentile, join, union, sort, split) and turns back into a stream;
 * {@code build()} gives the {@link org.intstream.query.QueryDefinition} the DSL text would give.
 * Expressions come from {@link org.intstream.query.api.Exprs} and {@link org.intstream.query.api.Aggregates}.
 *
 * <pre>{@code
 * QueryDefinition q = Query.named("tcp_new_conn").param("threshold", 40).param("window", Duration.ofSeconds(5))
 *         .packets()
 *         .filter(Exprs.parse("ip.proto == 6 and tcp.flags.syn and not tcp.flags.ack"))
 *         .window(Windows.tumbling(Exprs.param("window")))
 *         .reduce(Aggregates.count().as("conns")).by(Exprs.field("ip.dst").as("dst"))
 *         .filter(Exprs.field("conns").gt(Exprs.param("threshold")))
 *         .build();
 * }</pre>
 *
 * Every stage and option is immutable; operators that make no sense at a stage are not offered, and
 * misuse (a null, a name the DSL can't write, an undeclared parameter) fails at once with a message saying
 * what and where.
 */
package org.intstream.query.api;
