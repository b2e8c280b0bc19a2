package org.intstream.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.intstream.query.api.Aggregates.count;
import static org.intstream.query.api.Aggregates.sum;
import static org.intstream.query.api.Exprs.call;
import static org.intstream.query.api.Exprs.field;
import static org.intstream.query.api.Exprs.ip;
import static org.intstream.query.api.Exprs.lit;
import static org.intstream.query.api.Exprs.param;
import static org.intstream.query.api.Exprs.prefix;

import java.time.Duration;
import java.time.Instant;
import org.intstream.query.QueryDefinition;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.dsl.DslPrinter;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.ParamRef;
import org.intstream.query.plan.FilterNode;
import org.junit.jupiter.api.Test;

/** Each operator of the fluent API gives the plan the DSL gives for the same pipeline. */
class FluentQueryTest {

    private static final Windows FIVE_SECONDS = Windows.tumbling(Duration.ofSeconds(5));

    private static void assertSameAs(String dsl, QueryDefinition built) {
        QueryDefinition parsed = DslParser.parseQuery(dsl);
        assertThat(built).as(dsl).isEqualTo(parsed);
        assertThat(DslParser.parseQuery(DslPrinter.print(built))).isEqualTo(built);
    }

    @Test
    void aStreamThatIsNeverWindowedIsNotClosed() {
        assertSameAs("query q packets@B | filter len > 1000 | map ip.src, len * 8 as bits",
                Query.named("q").packets("B").filter(field("len").gt(1000))
                        .map(field("ip.src"), field("len").times(8).as("bits")).build());
    }

    @Test
    void aRelationTurnedIntoAStreamIsNotClosedAgain() {
        assertSameAs("query q packets | window tumbling 5s | distinct | istream | filter len > 3",
                Query.named("q").packets().window(FIVE_SECONDS).distinct().istream().filter(field("len").gt(3))
                        .build());
        assertSameAs("query q packets | window tumbling 5s | dstream",
                Query.named("q").packets().window(FIVE_SECONDS).dstream().build());
        // An explicit rstream at the end is the Rstream the DSL adds.
        assertSameAs("query q packets | window tumbling 5s | rstream",
                Query.named("q").packets().window(FIVE_SECONDS).rstream().build());
        assertThat(Query.named("q").packets().window(FIVE_SECONDS).rstream().build())
                .isEqualTo(Query.named("q").packets().window(FIVE_SECONDS).build());
    }

    @Test
    void slidingWindowsTopkPercentileAndSort() {
        assertSameAs(String.join("\n",
                "query q(k = 10) packets",
                "| window sliding 10s every 2s",
                "| reduce sum(len) as bytes by ip.src as src, ip.dst as dst",
                "| topk k by bytes asc per dst, src",
                "| percentile 99.5 of bytes",
                "| sort bytes desc, src"),
                Query.named("q").param("k", 10).packets()
                        .window(Windows.sliding(Duration.ofSeconds(10), Duration.ofSeconds(2)))
                        .reduce(sum(field("len")).as("bytes")).by(field("ip.src").as("src"), field("ip.dst").as("dst"))
                        .topk(param("k"), field("bytes")).per(field("dst"), field("src")).ascending()
                        .percentile(99.5, field("bytes"))
                        .sort(field("bytes").desc(), field("src").asc())
                        .build());
        assertSameAs("query q packets | window tumbling 5s | topk 3 by len desc | percentile 95 of len | sort len, ts",
                Query.named("q").packets().window(FIVE_SECONDS).topk(3, field("len")).percentile(95, field("len"))
                        .sort(field("len"), field("ts")).build());
    }

    @Test
    void joinsAndUnions() {
        assertSameAs("query q packets | window tumbling 5s | join other using (src) on a < b | union x, y.z, packets@w",
                Query.named("q").packets().window(FIVE_SECONDS).join("other").using("src").on(field("a").lt(field("b")))
                        .union(Source.stream("x"), Source.stream("y.z"), Source.packets("w")).build());
        assertSameAs("query q packets | window tumbling 5s | left join packets@B on ip.src == ip.dst",
                Query.named("q").packets().window(FIVE_SECONDS).leftJoin(Source.packets("B"))
                        .on(field("ip.src").eq(field("ip.dst"))).build());
        assertSameAs("query q split_processing.tcp | union split_processing.udp",
                Query.named("q").from("split_processing.tcp").union("split_processing.udp").build());
    }

    @Test
    void sketchesInDistinctReduceAndSketch() {
        assertSameAs(String.join("\n",
                "query q(bits = 1024) packets | window tumbling 5s",
                "| distinct using bloom(bits = bits, hashes = 3)",
                "| reduce count(), sum(len) by ip.src using countmin(width = 64, rows = 2)"),
                Query.named("q").param("bits", 1024).packets().window(FIVE_SECONDS)
                        .distinct(Approx.bloom(param("bits"), lit(3)))
                        .reduce(count(), sum(field("len"))).by(field("ip.src"))
                        .using(Approx.of("countmin").with("width", 64).with("rows", 2))
                        .build());
        assertSameAs("query q packets | window tumbling 5s"
                + " | sketch sum(len) by ip.src using countmin(rows = 3, width = 8)",
                Query.named("q").packets().window(FIVE_SECONDS).sketch(sum(field("len"))).by(field("ip.src"))
                        .using(Approx.countMin(3, 8)).build());
    }

    @Test
    void splitsOfAStreamAndOfARelation() {
        assertSameAs(String.join("\n",
                "query q packets | split {",
                "  small: filter len < 100;",
                "  counted: window tumbling 5s | reduce count() as n",
                "}"),
                Query.named("q").packets()
                        .split(Branch.of("small", in -> in.filter(field("len").lt(100))),
                                Branch.of("counted", in -> in.window(FIVE_SECONDS).reduce(count().as("n"))))
                        .build());
        assertSameAs(String.join("\n",
                "query q packets | window tumbling 5s | split {",
                "  all: rstream;",
                "  inserted: istream;",
                "  big: filter len > 1000",
                "}"),
                Query.named("q").packets().window(FIVE_SECONDS)
                        .split(Branch.of("all", WindowedRelation::rstream),
                                Branch.of("inserted", WindowedRelation::istream),
                                Branch.of("big", in -> in.filter(field("len").gt(1000))))
                        .build());
    }

    @Test
    void literalsOfEveryType() {
        assertSameAs(String.join("\n",
                "query q(p = prefix(\"fd00::/8\"), a = ip(\"fe80::1\"), f = -2.5, s = \"a\\\"b\\n\", t = true,",
                "        d = -250ms, ts = timestamp(1700000000000000), n = -9223372036854775808)",
                "packets",
                "| filter ip.dst in p or ip.src == a or ip.dst in 10.0.0.0/8 or ip.src == 192.168.1.1",
                "| map len * f as x, s as y, t as z, d + 1h as w, ts as u, n as v, 'it\\'s' as r"),
                Query.named("q").param("p", prefix("fd00::/8")).param("a", ip("fe80::1")).param("f", -2.5)
                        .param("s", "a\"b\n").param("t", true).param("d", Duration.ofMillis(-250))
                        .param("ts", Exprs.timestamp(Instant.ofEpochSecond(1_700_000_000L)))
                        .param("n", Long.MIN_VALUE)
                        .packets()
                        .filter(field("ip.dst").in(param("p")).or(field("ip.src").eq(param("a")))
                                .or(field("ip.dst").in(prefix("10.0.0.0/8"))).or(field("ip.src").eq(ip("192.168.1.1"))))
                        .map(field("len").times(field("f")).as("x"), field("s").as("y"), field("t").as("z"),
                                field("d").plus(Exprs.duration("1h")).as("w"), field("ts").as("u"), field("n").as("v"),
                                lit("it's").as("r"))
                        .build());
    }

    @Test
    void operatorsNestAsTheCallsDo() {
        // a - (b - c) and (a or b) and c: the calls decide the tree, and the printer adds the parentheses.
        assertSameAs("query q packets | filter (a or b) and c | map a - (b - c) as d, -(5) as e, -5 as f, -x as g",
                Query.named("q").packets()
                        .filter(field("a").or(field("b")).and(field("c")))
                        .map(field("a").minus(field("b").minus(field("c"))).as("d"), lit(5).negate().as("e"),
                                lit(-5).as("f"), field("x").negate().as("g"))
                        .build());
        assertSameAs("query q packets | filter not a == b and x is present == true and y % 4 << 1 ^ z & 3 // 2",
                Query.named("q").packets()
                        .filter(Exprs.not(field("a").eq(field("b"))).and(field("x").isPresent().eq(lit(true)))
                                .and(field("y").mod(4).shiftLeft(1).bitXor(field("z").bitAnd(lit(3).intDividedBy(2)))))
                        .build());
    }

    @Test
    void constructorCallsOfConstantsAreConstantsAsInTheDsl() {
        assertThat(call("ip", lit("10.0.0.1"))).isEqualTo(ip("10.0.0.1"));
        assertThat(call("PREFIX", lit("10.1.0.0/16"))).isEqualTo(prefix("10.1.0.0/16"));
        assertThat(call("timestamp", lit(5))).isEqualTo(Exprs.timestamp(5));
        assertSameAs("query q packets | filter ip.src == ip(\"10.0.0.1\") and ip.dst == ip(x)",
                Query.named("q").packets()
                        .filter(field("ip.src").eq(call("ip", lit("10.0.0.1")))
                                .and(field("ip.dst").eq(call("ip", field("x")))))
                        .build());
    }

    @Test
    void namesOfParametersAreParametersAsInTheDsl() {
        QueryDefinition byField = Query.named("q").param("limit", 5).packets().filter(field("len").gt(field("limit")))
                .build();
        QueryDefinition byParse = Query.named("q").param("limit", 5).packets().filter(Exprs.parse("len > limit"))
                .build();
        assertThat(byField).isEqualTo(byParse);
        assertThat(((FilterNode) byField.plan()).condition().toString()).isEqualTo("len > limit");
        assertThat(((BinaryExpr) ((FilterNode) byField.plan()).condition()).right())
                .isEqualTo(ParamRef.of("limit"));
        assertSameAs("query q(limit = 5) packets | filter len > limit", byField);
    }

    @Test
    void stagesAreImmutable() {
        TupleStream packets = Query.named("q").packets();
        TupleStream tcp = packets.filter(field("ip.proto").eq(6));
        TupleStream udp = packets.filter(field("ip.proto").eq(17));
        assertSameAs("query q packets", packets.build());
        assertSameAs("query q packets | filter ip.proto == 6", tcp.build());
        assertSameAs("query q packets | filter ip.proto == 17", udp.build());
        Reduction perWindow = packets.window(FIVE_SECONDS).reduce(count());
        perWindow.by(field("ip.src"));
        assertSameAs("query q packets | window tumbling 5s | reduce count()", perWindow.build());
        Query base = Query.named("q");
        base.param("x", 1);
        assertThat(base.parameters()).isEmpty();
    }

    @Test
    void theDescriptionTravelsWithTheQuery() {
        QueryDefinition q = Query.named("q").describedAs("Counts packets.").packets().build();
        assertThat(q.description()).isEqualTo("Counts packets.");
        assertThat(DslParser.parseQuery(DslPrinter.print(q)).description()).isEqualTo("Counts packets.");
    }
}
