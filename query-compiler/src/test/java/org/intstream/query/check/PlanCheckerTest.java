package org.intstream.query.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.Schema;
import org.intstream.query.plan.SplitNode;
import org.intstream.query.plan.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Queries that parse but are wrong: unknown names, type errors, operators in the wrong place, bad parameter
 * values. Each error names the line and column of the offending part and the cause. In each text, '»' marks
 * where the error must point; it is removed before parsing. Queries in one text are checked in order, each
 * able to read the outputs of those before it.
 */
class PlanCheckerTest {
    private static final String MARK = "»";
    private static final String THRESHOLD_HINT =
            "a sketched reduce reports the keys that cross a threshold: follow it with '| filter bytes > <number>'";

    /** Checks every query of the marked text and returns the reason of the error, after checking its position. */
    static String errorAt(String marked) {
        int at = marked.indexOf(MARK);
        assertThat(at).as("the test text marks the error position with " + MARK).isGreaterThanOrEqualTo(0);
        String text = marked.substring(0, at) + marked.substring(at + MARK.length());
        String before = text.substring(0, at);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = at - (before.lastIndexOf('\n') + 1) + 1;
        List<QueryDefinition> queries = DslParser.parse(text);
        QueryException e = catchThrowableOfType(QueryException.class, () -> checkAll(queries));
        assertThat(e).as("an error for:\n" + text).isNotNull();
        assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ");
        return e.reason();
    }

    static Map<String, Schema> checkAll(List<QueryDefinition> queries) {
        Map<String, Schema> known = new LinkedHashMap<>();
        PlanChecker checker = new PlanChecker(FunctionRegistry.builtins(), new PlanChecker.StreamCatalog() {
            @Override
            public Schema outputSchema(String name) {
                return known.get(name);
            }

            @Override
            public Set<String> outputNames() {
                return known.keySet();
            }
        });
        for (QueryDefinition q : queries) {
            known.putAll(checker.check(q));
        }
        return known;
    }

    private static final String RTT = "query rtt packets\n"
            + "  | filter tcp.analysis.ack_rtt is present\n"
            + "  | window tumbling 10s\n"
            + "  | reduce avg(tcp.analysis.ack_rtt) as rtt by ip.dst as src, l4.dport as sport\n";

    @Test
    void aValidQueryGetsItsOutputColumns() {
        Map<String, Schema> outputs = checkAll(DslParser.parse(RTT));
        assertThat(outputs.get("rtt").toString()).isEqualTo("[src ip, sport int, rtt float]");
    }

    // Names.

    @Test
    void misspeltFieldGetsDidYouMean() {
        assertThat(errorAt("query q packets | filter »ip.scr == 10.0.0.1")).isEqualTo(
                "unknown field 'ip.scr' (did you mean 'ip.src'?)");
    }

    @Test
    void unknownFieldPointsToTheCatalogue() {
        assertThat(errorAt("query q packets\n  | filter »http.host == \"x\"")).isEqualTo(
                "unknown field 'http.host' (see the field catalogue: intstream fields)");
    }

    @Test
    void packetFieldAfterReduceListsTheColumns() {
        assertThat(errorAt("query q packets | window tumbling 10s | reduce count() as n by ip.src as src\n"
                + "  | filter »len > 3")).isEqualTo("'len' is a packet field, but here the columns are [src, n]");
    }

    @Test
    void misspeltFunctionGetsDidYouMean() {
        assertThat(errorAt("query q packets | map »maks(ip.src, 24) as subnet")).isEqualTo(
                "unknown function 'maks' (did you mean 'mask'?)");
    }

    @Test
    void misspeltAggregateGetsDidYouMean() {
        assertThat(errorAt("query q packets | window tumbling 10s | reduce »cuont() as n")).isEqualTo(
                "unknown function 'cuont' (did you mean 'count'?)");
    }

    @Test
    void misspeltStreamGetsDidYouMean() {
        assertThat(errorAt("query port_scan packets | window tumbling 10s | reduce count() as n by ip.src as src\n"
                + "query q »port_scn | filter n > 3")).isEqualTo("unknown stream 'port_scn': read packets or the "
                + "output of a query defined before this one (did you mean 'port_scan'?)");
    }

    @Test
    void onlyPacketsTakeABinding() {
        assertThat(errorAt(RTT + "query q »rtt@B | filter rtt > 3.0")).isEqualTo(
                "only packets can be bound to a named source ('@B')");
    }

    // Types.

    @Test
    void addressComparedWithNumber() {
        assertThat(errorAt("query q packets | filter »ip.src > 5")).isEqualTo("can't order ip against int with '>'");
    }

    @Test
    void andOverAnInteger() {
        assertThat(errorAt("query q packets | filter »len and true")).isEqualTo(
                "'and' needs bools (left is int, right is bool)");
    }

    @Test
    void filterConditionMustBeBool() {
        assertThat(errorAt("query q packets | filter »len >> 2")).isEqualTo(
                "a filter condition must be bool, not int");
    }

    @Test
    void inNeedsAPrefix() {
        assertThat(errorAt("query q packets | filter »ip.src in 10.0.0.1")).isEqualTo(
                "'in' tests an ip against a prefix such as 10.0.0.0/8 (left is ip, right is ip)");
    }

    @Test
    void functionArity() {
        assertThat(errorAt("query q packets | map »mask(ip.src) as s")).isEqualTo("mask() takes 2 arguments, not 1");
    }

    @Test
    void functionArgumentType() {
        assertThat(errorAt("query q packets | map »mask(len, 24) as s")).isEqualTo(
                "argument 1 of mask() must be ip, not int");
    }

    @Test
    void ifBranchesOfDifferentTypes() {
        assertThat(errorAt("query q packets | map »if(tcp.flags.syn, len, \"no\") as x")).isEqualTo(
                "the two branches of if() must have one type, not int and string");
    }

    // Aggregates and reduce.

    @Test
    void aggregateInFilter() {
        assertThat(errorAt("query q packets | window tumbling 10s | filter »count() > 5")).isEqualTo(
                "count() is an aggregate: use it in 'reduce', not here");
    }

    @Test
    void reduceWithoutWindow() {
        assertThat(errorAt("query q packets\n  | filter tcp.flags.syn\n  | »reduce count() as n by ip.src")).isEqualTo(
                "reduce works per window: add '| window tumbling 10s' (or sliding) before it");
    }

    @Test
    void nonAggregateInReduce() {
        assertThat(errorAt("query q packets | window tumbling 10s | reduce »len by ip.src")).isEqualTo(
                "'len' is not an aggregate: add it to 'by', or aggregate it (any(...), count(), sum(...))");
    }

    @Test
    void fieldOutsideTheAggregatesOfAnExpression() {
        assertThat(errorAt("query q packets | window tumbling 10s | reduce count() + »len as x by ip.src"))
                .isEqualTo("'len' is used outside an aggregate in 'count() + len': aggregate it too (any(len), "
                        + "sum(len), ...)");
    }

    @Test
    void aggregateAsKey() {
        assertThat(errorAt("query q packets | window tumbling 10s | reduce count() as n by »count() as c")).isEqualTo(
                "'by' keys are computed per record, so 'count()' can't be one: aggregates go before 'by'");
    }

    @Test
    void nestedAggregates() {
        assertThat(errorAt("query q packets | window tumbling 10s | reduce sum(»count()) as n")).isEqualTo(
                "aggregates can't be nested: count() inside another aggregate");
    }

    @Test
    void keyAndAggregateWithOneName() {
        assertThat(errorAt("query q packets | window tumbling 10s | reduce »count() as src by ip.src as src"))
                .isEqualTo("column 'src' is both a 'by' key and an aggregate; rename one with 'as'");
    }

    @Test
    void aggregateArgumentType() {
        assertThat(errorAt("query q packets | window tumbling 10s | reduce »sum(ip.src) as s")).isEqualTo(
                "argument 1 of sum() must be int, float or duration, not ip");
    }

    // Windows.

    @Test
    void windowOverAWindow() {
        assertThat(errorAt("query q packets\n  | window tumbling 10s\n  | reduce count() as n by ip.src\n"
                + "  | »window tumbling 5s")).isEqualTo("a second window: the input is already windowed (at line 2, "
                + "column 5); a query has one window, so window this query's output in another query that reads it");
    }

    @Test
    void windowSizeMustBeADuration() {
        assertThat(errorAt("query q packets | window tumbling »10")).isEqualTo(
                "the window size must be duration, not int");
    }

    @Test
    void windowSizeMustBePositive() {
        assertThat(errorAt("query q packets | window tumbling »0s")).isEqualTo(
                "the window size must be positive, not 0us");
    }

    @Test
    void slideLongerThanWindow() {
        assertThat(errorAt("query q packets | window sliding 10s every »20s")).isEqualTo("the slide (20s) is longer "
                + "than the window (10s): packets between windows would be counted in none");
    }

    @Test
    void streamOperatorWithoutWindow() {
        assertThat(errorAt("query q packets | filter len > 5 | »istream")).isEqualTo(
                "istream works per window: add '| window tumbling 10s' (or sliding) before it");
    }

    // Sketches.

    @Test
    void sketchWithMissingArgument() {
        assertThat(errorAt("query q packets | window tumbling 10s\n"
                + "  | sketch count() as n by ip.src using »countmin(rows = 3)")).isEqualTo(
                "countmin(...) needs 'width = <int>'");
    }

    @Test
    void sketchWithMisspeltArgument() {
        assertThat(errorAt("query q packets | window tumbling 10s\n"
                + "  | sketch count() as n by ip.src using countmin(rows = 3, widht = »1024)")).isEqualTo(
                "countmin(...) has no argument 'widht' (did you mean 'width'?); it takes rows and width");
    }

    @Test
    void sketchArgumentMustBePositiveInt() {
        assertThat(errorAt("query q packets | window tumbling 10s\n"
                + "  | sketch count() as n by ip.src using countmin(rows = »2.5, width = 1024)")).isEqualTo(
                "countmin argument 'rows' must be int, not float");
        assertThat(errorAt("query q packets | window tumbling 10s\n"
                + "  | sketch count() as n by ip.src using countmin(rows = »0, width = 1024)")).isEqualTo(
                "countmin argument 'rows' must be positive, not 0");
    }

    @Test
    void unknownSketchKind() {
        assertThat(errorAt("query q packets | window tumbling 10s\n"
                + "  | reduce count() as n by ip.src using »hll(bits = 12)\n  | filter n > 5")).isEqualTo(
                "unknown sketch 'hll' here; use countmin(rows, width) or bloom(bits, hashes)");
    }

    @Test
    void distinctTakesOnlyABloomFilter() {
        assertThat(errorAt("query q packets | window tumbling 10s | distinct using »countmin(rows = 3, width = 8)"))
                .isEqualTo("no sketch 'countmin' here; use bloom(bits, hashes)");
    }

    @Test
    void sketchCountsOnlyCountsAndSums() {
        assertThat(errorAt("query q packets | window tumbling 10s\n"
                + "  | sketch »len as n by ip.src using countmin(rows = 3, width = 64)")).isEqualTo(
                "a sketch counts count() or sum(int), not len");
    }

    @Test
    void sketchedReduceNeedsAThresholdFilter() {
        assertThat(errorAt("query q packets | window tumbling 10s\n"
                + "  | »reduce sum(len) as bytes by ip.src using countmin(rows = 3, width = 1024)")).isEqualTo(
                THRESHOLD_HINT);
        assertThat(errorAt("query q packets | window tumbling 10s\n"
                + "  | reduce sum(len) as bytes by ip.src using countmin(rows = 3, width = 1024)\n"
                + "  | filter »bytes < 1000")).isEqualTo(THRESHOLD_HINT);
    }

    @Test
    void sketchedReduceEstimatesOneValue() {
        assertThat(errorAt("query q packets | window tumbling 10s\n"
                + "  | reduce count() as n, »sum(len) as bytes by ip.src using countmin(rows = 3, width = 1024)\n"
                + "  | filter n > 10")).isEqualTo("a sketched reduce estimates one value (count() or sum(int)), not 2");
    }

    // Relational operators.

    @Test
    void topkCountMustBeAnInteger() {
        assertThat(errorAt("query q packets | window tumbling 10s | topk »2.5 by len")).isEqualTo(
                "topk's k must be int, not float");
    }

    @Test
    void topkOrdersByAnOrderedValue() {
        assertThat(errorAt("query q packets | window tumbling 10s | topk 5 by »ip.proto == 6")).isEqualTo(
                "topk orders by a number, ip or string, not bool");
    }

    @Test
    void percentileOutOfRange() {
        assertThat(errorAt("query q packets | window tumbling 10s | reduce count() as n by ip.src\n"
                + "  | percentile »120 of n")).isEqualTo("a percentile lies in 0..100, not 120");
    }

    @Test
    void joinColumnMissingOnTheLeft() {
        assertThat(errorAt(RTT + "query q packets | window tumbling 10s | reduce count() as n by ip.src as src\n"
                + "  | »left join rtt using (src, sport)")).isEqualTo(
                "join column 'sport' is missing on the left (columns: [src, n])");
    }

    @Test
    void joinColumnMissingOnTheRight() {
        assertThat(errorAt(RTT + "query q packets | window tumbling 10s\n"
                + "  | reduce count() as n by ip.src as src, l4.sport as sport, ip.dst as dst\n"
                + "  | »join rtt using (src, dst)")).isEqualTo(
                "join column 'dst' is missing on the right (columns: [src, sport, rtt])");
    }

    @Test
    void joinColumnsOfDifferentTypes() {
        assertThat(errorAt(RTT + "query q packets | window tumbling 10s | reduce count() as n by ip.proto as src\n"
                + "  | »join rtt using (src)")).isEqualTo("join column 'src' is int on the left but ip on the right");
    }

    @Test
    void joinWithAColumnOnBothSides() {
        assertThat(errorAt(RTT + "query q packets | window tumbling 10s\n"
                + "  | reduce avg(len) as rtt by ip.src as src, l4.sport as sport\n"
                + "  | »join rtt using (src, sport)")).isEqualTo(
                "both sides of the join have a column 'rtt': rename it with map on one side");
    }

    @Test
    void unionOfDifferentColumns() {
        assertThat(errorAt(RTT + "query q packets | window tumbling 10s | reduce count() as n by ip.src as src\n"
                + "  | union »rtt")).isEqualTo("union needs inputs with the same columns (names, types and order): "
                + "this pipeline has [src ip, n int], rtt has [src ip, sport int, rtt float]");
    }

    @Test
    void unionWithThePacketStreamAbbreviatesItsColumns() {
        assertThat(errorAt(RTT + "query q rtt | window tumbling 10s | union »packets")).endsWith(
                "packets has [ts timestamp, len int, ip.version int, ip.src ip, ip.dst ip, ip.proto int, … ("
                        + Schema.packets().size() + " columns)]");
    }

    @Test
    void splitMustBeLastInAPlanBuiltByHand() {
        QueryDefinition q = DslParser.parseQuery(
                "query q packets | window tumbling 5s | split { a: filter len > 3; b: filter len < 3 }");
        SplitNode split = (SplitNode) q.plan();
        QueryDefinition wrong = q.withPlan(new StreamNode(new FilterNode(split, FieldRef.of("ip.frag"), null),
                StreamNode.Kind.RSTREAM, null));
        QueryException e = catchThrowableOfType(QueryException.class, () -> checkAll(List.of(wrong)));
        assertThat(e.getMessage()).isEqualTo("line 1, column 40: split must be the last operator of a query");
    }

    // Parameters.

    @Test
    void parameterNamedLikeAnOutputColumn() {
        assertThat(errorAt("query q(»n = 3) packets | window tumbling 10s | reduce count() as n by ip.src")).isEqualTo(
                "parameter 'n' has the name of an output column; rename one of them");
    }

    @Test
    void parameterOfTheWrongTypeInTheQuery() {
        assertThat(errorAt("query q(window = 10) packets | window tumbling »window")).isEqualTo(
                "the window size must be duration, not int");
    }

    @Test
    void unknownParameterBindingGetsDidYouMean() {
        QueryDefinition q = DslParser.parseQuery("query port_scan(threshold = 100, window = 10s) packets\n"
                + "  | window tumbling window | reduce count() as n by ip.src | filter n > threshold");
        QueryException e = catchThrowableOfType(QueryException.class,
                () -> ParameterBinder.bind(q, Map.of("threshhold", "5")));
        assertThat(e.position().isKnown()).isFalse();
        assertThat(e.getMessage()).isEqualTo("query port_scan has no parameter 'threshhold' (did you mean "
                + "'threshold'?); its parameters are [threshold, window]");
    }

    @Test
    void bindingAQueryWithoutParameters() {
        QueryDefinition q = DslParser.parseQuery("query big packets | filter len > 1400");
        QueryException e = catchThrowableOfType(QueryException.class,
                () -> ParameterBinder.bind(q, Map.of("threshold", "5")));
        assertThat(e.getMessage()).isEqualTo("query big has no parameter 'threshold'; it takes none");
    }

    @Test
    void parameterValueOfTheWrongType() {
        QueryDefinition q = DslParser.parseQuery("query q(threshold = 100, window = 10s, net = 10.0.0.0/8) packets\n"
                + "  | filter ip.src in net | window tumbling window | reduce count() as n | filter n > threshold");
        assertThat(catchThrowableOfType(QueryException.class, () -> ParameterBinder.bind(q, Map.of("window", "ten"))))
                .hasMessage("parameter 'window' of query q is a duration (like 500ms, 10s, 5m), and 'ten' is not");
        assertThat(catchThrowableOfType(QueryException.class,
                () -> ParameterBinder.bind(q, Map.of("threshold", "1.5"))))
                .hasMessage("parameter 'threshold' of query q is an integer, and '1.5' is not");
        assertThat(catchThrowableOfType(QueryException.class,
                () -> ParameterBinder.bind(q, Map.of("net", "10.0.0.0/40"))))
                .hasMessage("parameter 'net' of query q is a prefix (like 10.0.0.0/8), and '10.0.0.0/40' is not");
    }
}
