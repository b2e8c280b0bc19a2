package org.intstream.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.intstream.query.api.Aggregates.count;
import static org.intstream.query.api.Exprs.field;
import static org.intstream.query.api.Exprs.lit;
import static org.intstream.query.api.Exprs.param;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.intstream.query.QueryException;
import org.junit.jupiter.api.Test;

/** Misuse of the fluent API fails at once, saying what is wrong and where. */
class FluentApiMisuseTest {
    private static final Windows FIVE_SECONDS = Windows.tumbling(Duration.ofSeconds(5));

    private final TupleStream packets = Query.named("q").packets();
    private final WindowedRelation window = packets.window(FIVE_SECONDS);

    @Test
    void nullsAreRejectedByName() {
        assertThatThrownBy(() -> packets.filter(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("predicate can't be null");
        assertThatThrownBy(() -> window.filter(null)).hasMessage("predicate can't be null");
        assertThatThrownBy(() -> packets.map(null)).hasMessage("map column can't be null");
        assertThatThrownBy(() -> packets.map(field("a"), field("b"), null)).hasMessage("map column 3 can't be null");
        assertThatThrownBy(() -> packets.window(null)).hasMessage("window can't be null");
        assertThatThrownBy(() -> Windows.tumbling((Duration) null)).hasMessage("window size can't be null");
        assertThatThrownBy(() -> window.reduce(count()).by(null)).hasMessage("reduce key can't be null");
        assertThatThrownBy(() -> window.topk(3, null)).hasMessage("topk's order can't be null");
        assertThatThrownBy(() -> window.join("x").on(null)).hasMessage("join condition can't be null");
        assertThatThrownBy(() -> window.sort(field("a").asc(), (SortKey) null)).hasMessage("sort key 2 can't be null");
        assertThatThrownBy(() -> field("a").and(null)).hasMessage("the right operand of 'and' can't be null");
        assertThatThrownBy(() -> Exprs.call("mask", field("ip.src"), null))
                .hasMessage("argument 2 of mask(...) can't be null");
        assertThatThrownBy(() -> Query.named("q").param("p", (String) null))
                .hasMessage("the default value of parameter 'p' can't be null");
        assertThatThrownBy(() -> window.distinct(null)).hasMessage("distinct's sketch can't be null");
        assertThatThrownBy(() -> Branch.of("b", null)).hasMessage("the function of branch 'b' can't be null");
    }

    @Test
    void namesMustBeNamesTheDslCanWrite() {
        assertThatThrownBy(() -> Query.named(null)).hasMessage("query name can't be null");
        assertThatThrownBy(() -> Query.named("2fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("query name '2fast' is not a name: use letters, digits and '_', starting with a letter"
                        + " or '_'");
        assertThatThrownBy(() -> Query.named("port-scan"))
                .hasMessageStartingWith("query name 'port-scan' is not a name");
        assertThatThrownBy(() -> Query.named("And"))
                .hasMessage("query name 'And' is a reserved word of the query language");
        assertThatThrownBy(() -> field("ip..src"))
                .hasMessage("field name 'ip..src' is not a name: use names of letters, digits and '_' joined by '.'");
        assertThatThrownBy(() -> field("tcp.in")).hasMessage("field name 'tcp.in' contains the reserved word 'in'");
        assertThatThrownBy(() -> field("len").as("as"))
                .hasMessage("column name 'as' is a reserved word of the query language");
        assertThatThrownBy(() -> field("len").as("bytes.total"))
                .hasMessageStartingWith("column name 'bytes.total' is not a name");
        assertThatThrownBy(() -> window.join("x").using("src", "not"))
                .hasMessage("join column 'not' is a reserved word of the query language");
        assertThatThrownBy(() -> Source.packets("B-1"))
                .hasMessageStartingWith("packet source name 'B-1' is not a name");
        assertThatThrownBy(() -> Approx.of("count min"))
                .hasMessageStartingWith("sketch kind 'count min' is not a name");
        // Operator words are names, as in the DSL.
        assertThat(Query.named("window").param("filter", 1).packets().map(field("len").as("sort")).build().name())
                .isEqualTo("window");
    }

    @Test
    void parametersAreDeclaredOnceWithConstantDefaults() {
        assertThatThrownBy(() -> Query.named("q").param("t", 1).param("t", 2))
                .hasMessage("parameter 't' is declared twice");
        assertThatThrownBy(() -> Query.named("q").param("t", field("len")))
                .hasMessage("the default value of parameter 't' must be a constant (a number, duration, address,"
                        + " prefix, string or boolean), not len");
        assertThatThrownBy(() -> Query.named("q").param("t", lit(5).negate()))
                .hasMessageEndingWith("not -(5)");
        assertThatThrownBy(() -> Query.named("q").param("w", Duration.ofNanos(1500)))
                .hasMessage("the default value of parameter 'w' PT0.0000015S is finer than a microsecond");
        assertThatThrownBy(() -> Query.named("q").param("x", Double.NaN))
                .hasMessage("the query language has no constant for NaN");
    }

    @Test
    void aParameterMustBeDeclaredBeforeItIsUsed() {
        assertThatThrownBy(() -> Query.named("q").param("window", Duration.ofSeconds(5)).packets()
                .filter(field("len").gt(param("limit"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown parameter 'limit' in predicate: declare it with"
                        + " Query.named(\"q\").param(\"limit\", <default value>) (declared: window)");
        assertThatThrownBy(() -> packets.window(Windows.tumbling(param("window"))))
                .hasMessage("unknown parameter 'window' in window size: declare it with"
                        + " Query.named(\"q\").param(\"window\", <default value>)");
        assertThatThrownBy(() -> window.reduce(count()).using(Approx.countMin(param("rows"), lit(8))))
                .hasMessageStartingWith("unknown parameter 'rows' in countmin argument 'rows'");
    }

    @Test
    void columnsNeedNamesOnceEach() {
        assertThatThrownBy(() -> packets.map(field("len").times(8)))
                .hasMessage("give the column len * 8 of map column a name: <expression>.as(\"<name>\")");
        assertThatThrownBy(() -> packets.map(field("len"), field("ip.src").as("len")))
                .hasMessage("column 'len' appears twice in map column; rename one with .as(...)");
        assertThatThrownBy(() -> window.reduce(count(), count()))
                .hasMessage("column 'count' appears twice in reduce column; rename one with .as(...)");
        assertThatThrownBy(() -> window.reduce(count().plus(1)))
                .hasMessage("give the column count() + 1 of reduce column a name: <expression>.as(\"<name>\")");
        assertThatThrownBy(() -> window.reduce(count()).by(Exprs.call("mask", field("ip.src"), lit(24))))
                .hasMessageStartingWith("give the column mask(ip.src, 24) of reduce key a name");
        assertThatThrownBy(() -> window.sketch(count().as("src")).by(field("ip.src").as("src")))
                .hasMessage("column 'src' appears twice in sketch key; rename one with .as(...)");
        // A parameter, unlike a field, has no column name of its own.
        assertThatThrownBy(() -> Query.named("q").param("n", 1).packets().map(param("n")))
                .hasMessage("give the column n of map column a name: <expression>.as(\"<name>\")");
    }

    @Test
    void clausesAreGivenOnce() {
        assertThatThrownBy(() -> window.reduce(count()).by(field("ip.src")).by(field("ip.dst")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this reduce already has its keys (by [ip.src as ip.src])");
        assertThatThrownBy(() -> window.reduce(count()).using(Approx.bloom(8, 1)).using(Approx.bloom(8, 1)))
                .hasMessage("this reduce already has its sketches (using ...)");
        assertThatThrownBy(() -> window.topk(3, field("len")).per(field("a")).per(field("b")))
                .hasMessage("this topk already has its partition (per [a])");
        assertThatThrownBy(() -> Approx.of("bloom").with("bits", 8).with("bits", 16))
                .hasMessage("argument 'bits' of bloom(...) is given twice");
    }

    @Test
    void splitBranchesAreNamedOnceAndBuiltFromTheirInput() {
        assertThatThrownBy(() -> window.split(Branch.of("a", in -> in.distinct()), Branch.of("a", in -> in.distinct())))
                .hasMessage("split branch 'a' is defined twice");
        assertThatThrownBy(() -> window.split(Branch.of("a", in -> in), Branch.of("b", in -> in.distinct())))
                .hasMessage("split branch 'a' needs at least one operator");
        assertThatThrownBy(() -> window.split(Branch.of("a", in -> window.distinct()),
                Branch.of("b", in -> in.distinct())))
                .hasMessage("the function of split branch 'a' must return a pipeline built from the input it is given");
        assertThatThrownBy(() -> window.split(Branch.of("a", in -> null), Branch.of("b", in -> in.distinct())))
                .hasMessage("the function of split branch 'a' returned null");
        assertThatThrownBy(() -> window.split(Branch.of("a", in -> {
            in.distinct().build();
            return in.distinct();
        }), Branch.of("b", in -> in.distinct())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this is the pipeline of split branch 'a': return it from the branch's function, and call"
                        + " build() on what split(...) returns");
        assertThatThrownBy(() -> window.split(Branch.of("a", in -> {
            in.split(Branch.of("x", r -> r.distinct()), Branch.of("y", r -> r.distinct()));
            return in.distinct();
        }), Branch.of("b", in -> in.distinct())))
                .hasMessageStartingWith("this is the pipeline of split branch 'a': return it from the branch's"
                        + " function, and call split(...)");
    }

    @Test
    void badConstantsAndExpressionTextAreReportedWithTheirPlace() {
        assertThatThrownBy(() -> Exprs.ip("300.1.2.3")).hasMessage("'300.1.2.3' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Exprs.prefix("10.0.0.0/33")).hasMessage("prefix length 33 out of range 0..32");
        assertThatThrownBy(() -> Exprs.duration("10 s")).hasMessageStartingWith("'10 s' is not a duration");
        assertThatThrownBy(() -> Exprs.call("ip", lit("nope"))).hasMessage("'nope' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> Exprs.parse("len >\n  and x"))
                .isInstanceOf(QueryException.class)
                .hasMessageStartingWith("expression: line 2, column 3: unexpected 'and'");
        assertThatThrownBy(() -> Exprs.parse("len > 3 | map x"))
                .hasMessage("expression: 'len > 3 | map x' is not one expression ('|' and 'query' have no place in"
                        + " it)");
    }

    @Test
    void operationsAreOfferedOnlyWhereTheyMakeSense() {
        Set<String> stream = publicMethods(TupleStream.class);
        Set<String> relation = publicMethods(WindowedRelation.class);
        assertThat(stream).contains("filter", "map", "window", "union", "split", "build")
                .doesNotContain("distinct", "reduce", "sketch", "topk", "percentile", "join", "leftJoin", "sort",
                        "istream", "dstream", "rstream");
        assertThat(relation).contains("filter", "map", "distinct", "reduce", "sketch", "topk", "percentile", "join",
                "leftJoin", "union", "sort", "split", "istream", "dstream", "rstream", "build")
                .doesNotContain("window");
        // Half-written operators are not stages: they can't be built until complete.
        for (Class<?> pending : new Class<?>[] {PendingJoin.class, PendingSketch.class, KeyedSketch.class}) {
            assertThat(Pipeline.class.isAssignableFrom(pending)).as(pending.getSimpleName()).isFalse();
            assertThat(publicMethods(pending)).doesNotContain("build");
        }
        assertThat(publicMethods(Split.class)).containsExactly("build");
    }

    private static Set<String> publicMethods(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).filter(n -> !Set.of("toString", "equals", "hashCode", "getClass", "notify",
                        "notifyAll", "wait").contains(n))
                .collect(Collectors.toSet());
    }
}
