package org.intstream.query.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.intstream.query.QueryException;
import org.junit.jupiter.api.Test;

/**
 * Malformed query texts: each error names the line and column of the offending token and says what is wrong
 * there. In each text, '»' marks where the error must point; it is removed before parsing.
 */
class DslErrorTest {
    private static final String MARK = "»";

    /** Parses the marked text and returns the reason of the error, after checking its position. */
    static String errorAt(String marked) {
        int at = marked.indexOf(MARK);
        assertThat(at).as("the test text marks the error position with " + MARK).isGreaterThanOrEqualTo(0);
        String text = marked.substring(0, at) + marked.substring(at + MARK.length());
        String before = text.substring(0, at);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = at - (before.lastIndexOf('\n') + 1) + 1;
        QueryException e = catchThrowableOfType(QueryException.class, () -> DslParser.parse(text));
        assertThat(e).as("an error for:\n" + text).isNotNull();
        assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ");
        assertThat(e.position().line()).isEqualTo(line);
        assertThat(e.position().column()).isEqualTo(column);
        return e.reason();
    }

    // Half-written pipelines.

    @Test
    void pipeEndingTheTextAsksForAnOperator() {
        assertThat(errorAt("query q packets |»")).isEqualTo("unexpected end of text; expected one of: filter, map, "
                + "distinct, reduce, window, left, join, union, topk, percentile, sketch, split, sort, istream, "
                + "dstream, rstream");
    }

    @Test
    void unfinishedConditionAsksForAnExpression() {
        assertThat(errorAt("query q\n  packets\n  | filter len >»")).isEqualTo(
                "unexpected end of text; expected an expression");
    }

    @Test
    void operatorWrittenWithoutPipeIsAfterACompleteQuery() {
        assertThat(errorAt("query q packets | filter len > 1 »map ip.src")).isEqualTo("unexpected 'map' after a "
                + "complete query (operators are written after '|'); expected one of: end of text, query");
    }

    @Test
    void reduceWithoutByKeywordIsAfterACompleteQuery() {
        assertThat(errorAt("query q packets | window tumbling 10s | reduce count() as n »ip.src"))
                .startsWith("unexpected 'ip' after a complete query; expected one of: end of text, query");
    }

    @Test
    void windowWithoutKindListsTheKinds() {
        assertThat(errorAt("query q packets | window »10s")).isEqualTo(
                "unexpected '10s'; expected one of: tumbling, sliding");
    }

    @Test
    void slidingWindowWithoutEveryAsksForEvery() {
        assertThat(errorAt("query q packets | window sliding 10s »5s")).isEqualTo("unexpected '5s'; expected every");
        assertThat(errorAt("query q packets | window sliding 10s»")).startsWith(
                "unexpected end of text; expected one of: every, an operator continuing the expression");
    }

    @Test
    void sketchWithoutUsingAsksForIt() {
        assertThat(errorAt("query q packets | window tumbling 5s | sketch count() as n by ip.src»"))
                .isEqualTo("unexpected end of text; expected one of: ',', using");
    }

    @Test
    void topkWithoutByAsksForIt() {
        assertThat(errorAt("query q packets | window tumbling 5s | topk 5 »len")).isEqualTo(
                "unexpected 'len'; expected by");
    }

    @Test
    void missingQueryNameIsReportedAtTheFirstPipe() {
        assertThat(errorAt("query packets »| filter len > 1")).isEqualTo(
                "unexpected '|'; expected one of: '(', a name");
    }

    // Unknown operators.

    @Test
    void misspeltOperatorGetsDidYouMean() {
        assertThat(errorAt("query q packets\n  | »fitler len > 5")).startsWith(
                "unexpected 'fitler' (did you mean 'filter'?); expected one of: filter, map,");
    }

    @Test
    void unknownOperatorListsEveryOperator() {
        assertThat(errorAt("query q packets | »frobnicate len")).isEqualTo("unexpected 'frobnicate'; expected one "
                + "of: filter, map, distinct, reduce, window, left, join, union, topk, percentile, sketch, split, "
                + "sort, istream, dstream, rstream");
    }

    @Test
    void leftWithoutJoin() {
        assertThat(errorAt("query q packets | left »union x")).isEqualTo("unexpected 'union'; expected join");
    }

    // Brackets, characters, strings.

    @Test
    void unclosedParenthesis() {
        assertThat(errorAt("query q packets | filter (len > 5 and ip.ttl < 3»")).isEqualTo(
                "unexpected end of text; expected ')'");
    }

    @Test
    void extraClosingParenthesis() {
        assertThat(errorAt("query q packets | filter len > 5»)")).isEqualTo(
                "unexpected ')' after a complete query; expected one of: end of text, query");
    }

    @Test
    void unclosedCallBeforeAs() {
        assertThat(errorAt("query q packets | map mask(ip.src, 24 »as s")).isEqualTo(
                "unexpected 'as'; expected one of: ',', ')'");
    }

    @Test
    void unclosedSplitBrace() {
        assertThat(errorAt("query q packets | window tumbling 5s | split {\n"
                + "  a: filter len > 3;\n  b: filter len < 3\n»")).isEqualTo(
                "unexpected end of text; expected one of: ';', '}'");
    }

    @Test
    void splitBranchWithoutColon() {
        assertThat(errorAt("query q packets | window tumbling 5s | split { a »filter len > 3; b: filter len < 3 }"))
                .isEqualTo("unexpected 'filter'; expected ':'");
    }

    @Test
    void strayCharacter() {
        assertThat(errorAt("query q packets | filter len > 5 »$")).startsWith("unexpected character '$'");
    }

    @Test
    void singleEqualsSuggestsDoubleEquals() {
        assertThat(errorAt("query q packets | filter len »= 60")).endsWith("(to compare, write '==')");
    }

    @Test
    void unclosedString() {
        assertThat(errorAt("query q packets | filter point == »\"sw1/3")).isEqualTo(
                "string not closed: a string ends with the quote it starts with (\"), on the same line");
    }

    @Test
    void unknownStringEscape() {
        assertThat(errorAt("query q packets | filter point == »\"sw\\q\"")).isEqualTo(
                "unknown escape '\\q' in string \"sw\\q\"");
    }

    // Literals.

    @Test
    void addressPartOutOfRange() {
        assertThat(errorAt("query q packets | filter ip.src == »300.1.1.1")).isEqualTo(
                "'300.1.1.1' is not an IPv4 address (each part must be 0..255)");
    }

    @Test
    void prefixLengthOutOfRange() {
        assertThat(errorAt("query q packets | filter ip.src in »10.0.0.0/33")).isEqualTo(
                "prefix length 33 out of range 0..32");
    }

    @Test
    void badIpv6Text() {
        assertThat(errorAt("query q packets | filter ip.src == »ip(\"fd77::81::1\")")).contains("fd77::81::1");
    }

    @Test
    void integerBeyond64Bits() {
        assertThat(errorAt("query q packets | filter len > »99999999999999999999")).isEqualTo(
                "integer '99999999999999999999' does not fit in 64 bits");
    }

    @Test
    void durationBeyond64Bits() {
        assertThat(errorAt("query q packets | window tumbling »99999999999999h")).isEqualTo(
                "duration '99999999999999h' is too large");
    }

    @Test
    void durationWithAFraction() {
        assertThat(errorAt("query q packets | window tumbling 1.5»s")).endsWith(
                "(a duration is a whole number and a unit: write 1500ms, not 1.5s)");
    }

    @Test
    void starOnlyInCount() {
        assertThat(errorAt("query q packets | window tumbling 5s | reduce »sum(*) as s")).isEqualTo(
                "only count(*) takes '*'; write sum(<column>)");
    }

    // Names and structure the builder checks.

    @Test
    void computedColumnNeedsAName() {
        assertThat(errorAt("query q packets | map ip.src, »len + 1")).isEqualTo(
                "give this column a name: 'len + 1 as <name>'");
    }

    @Test
    void duplicateColumnInMap() {
        assertThat(errorAt("query q packets | map ip.src as a, »ip.dst as a")).isEqualTo(
                "column 'a' appears twice; rename one with 'as'");
    }

    @Test
    void duplicateAggregateName() {
        assertThat(errorAt("query q packets | window tumbling 5s | reduce count() as n, »sum(len) as n by ip.src"))
                .isEqualTo("column 'n' appears twice; rename one with 'as'");
    }

    @Test
    void splitMustBeLast() {
        assertThat(errorAt("query q packets | window tumbling 5s\n"
                + "  | split { a: filter len > 3; b: filter len <= 3 }\n  | »filter len > 1")).isEqualTo(
                "split must be the last operator: its branches are the query's outputs");
    }

    @Test
    void splitNeedsTwoBranches() {
        assertThat(errorAt("query q packets | window tumbling 5s | »split { a: filter len > 3 }")).isEqualTo(
                "split needs at least two branches");
    }

    @Test
    void splitBranchNamedTwice() {
        assertThat(errorAt("query q packets | window tumbling 5s | split { a: filter len > 3; »a: filter len < 3 }"))
                .isEqualTo("split branch 'a' is defined twice");
    }

    @Test
    void joinNeedsUsingOrOn() {
        assertThat(errorAt("query q packets | window tumbling 5s | »join tcp_rtt")).isEqualTo(
                "join needs 'using (columns)' or 'on condition'");
    }

    @Test
    void sketchTakesOneKind() {
        assertThat(errorAt("query q packets | window tumbling 5s | sketch count() as n by ip.src using "
                + "countmin(rows = 3, width = 64), »bloom(bits = 64, hashes = 2)")).isEqualTo(
                "sketch takes one sketch kind (countmin(...)), not 2");
    }

    @Test
    void distinctTakesOneSketch() {
        assertThat(errorAt("query q packets | window tumbling 5s | distinct using bloom(bits = 64, hashes = 2), "
                + "»bloom(bits = 8, hashes = 1)")).isEqualTo("distinct takes one sketch (bloom(...)), not 2");
    }

    @Test
    void sketchArgumentGivenTwice() {
        assertThat(errorAt("query q packets | window tumbling 5s | sketch count() as n by ip.src using "
                + "countmin(rows = 3, »rows = 4)")).isEqualTo("argument 'rows' is given twice");
    }

    // Parameters and queries.

    @Test
    void parameterDeclaredTwice() {
        assertThat(errorAt("query q(threshold = 5, »threshold = 6) packets | filter len > threshold")).isEqualTo(
                "parameter 'threshold' is declared twice");
    }

    @Test
    void parameterDefaultMustBeConstant() {
        assertThat(errorAt("query q(limit = »len * 2) packets | filter len > limit")).isEqualTo("the default value "
                + "of parameter 'limit' must be a constant (a number, duration, address, string or boolean), "
                + "not len * 2");
    }

    @Test
    void parameterWithoutDefault() {
        assertThat(errorAt("query q(threshold = ») packets")).isEqualTo("unexpected ')'; expected an expression");
    }

    @Test
    void queryDefinedTwice() {
        assertThat(errorAt("query q packets | filter len > 1\n\nquery »q packets | filter len > 2")).isEqualTo(
                "query 'q' is defined twice");
    }

    @Test
    void textWithoutQuery() {
        QueryException e = catchThrowableOfType(QueryException.class, () -> DslParser.parseQuery("# nothing here\n"));
        assertThat(e.position().isKnown()).isFalse();
        assertThat(e.getMessage()).isEqualTo("no query found: a query starts with 'query <name>'");
    }
}
