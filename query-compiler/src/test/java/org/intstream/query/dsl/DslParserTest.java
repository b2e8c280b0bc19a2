package org.intstream.query.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.ParamRef;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.type.Type;
import org.junit.jupiter.api.Test;

class DslParserTest {

    static final String PORT_SCAN = String.join("\n",
            "# Sources that try TCP connections to many ports.",
            "query port_scan(threshold = 100, window = 10s)",
            "  packets",
            "  | filter tcp.flags.syn and not tcp.flags.ack",
            "  | window tumbling window",
            "  | map ip.src, l4.dport",
            "  | distinct",
            "  | reduce count() as ports by ip.src as src",
            "  | filter ports > threshold",
            "");

    @Test
    void parsesAPipelineIntoAPlanClosedByRstream() {
        QueryDefinition q = DslParser.parseQuery(PORT_SCAN);
        assertThat(q.name()).isEqualTo("port_scan");
        assertThat(q.description()).isEqualTo("Sources that try TCP connections to many ports.");
        assertThat(q.parameters()).hasSize(2);
        assertThat(q.parameter("window").type()).isEqualTo(Type.DURATION);
        assertThat(q.parameter("window").defaultValue().value()).isEqualTo(10_000_000L);
        assertThat(q.plan()).isInstanceOf(StreamNode.class);
        FilterNode last = (FilterNode) q.plan().input();
        assertThat(last.condition()).isEqualTo(
                BinaryExpr.of(BinaryOperator.GT, FieldRef.of("ports"), ParamRef.of("threshold")));
        AggregateNode reduce = (AggregateNode) last.input();
        assertThat(reduce.keys().get(0).name()).isEqualTo("src");
        assertThat(reduce.aggregates().get(0).name()).isEqualTo("ports");
    }

    @Test
    void printedFormParsesBackToTheSamePlan() {
        QueryDefinition q = DslParser.parseQuery(PORT_SCAN);
        String printed = DslPrinter.print(q);
        assertThat(DslParser.parseQuery(printed)).isEqualTo(q);
        assertThat(printed).contains("| reduce count() as ports by ip.src as src");
    }

    @Test
    void foldsNegativeNumbersAndAddressConstructors() {
        QueryDefinition q = DslParser.parseQuery("query q packets | filter ip.dst == ip(\"fe80::1\") and len > -5");
        BinaryExpr and = (BinaryExpr) ((FilterNode) q.plan()).condition();
        assertThat(((BinaryExpr) and.left()).right()).isInstanceOf(Literal.class);
        assertThat(((Literal) ((BinaryExpr) and.right()).right()).value()).isEqualTo(-5L);
    }

    @Test
    void readsSeveralQueriesAndSplitBranches() {
        List<QueryDefinition> qs = DslParser.parse(String.join("\n",
                "query a packets | window tumbling 5s | split {",
                "  tcp: filter ip.proto == 6 | reduce count() as tcp;",
                "  udp: filter ip.proto == 17 | reduce count() as udp",
                "}",
                "query b a.tcp | filter tcp > 3"));
        assertThat(qs).hasSize(2);
        assertThat(qs.get(0).outputNames()).containsExactly("a.tcp", "a.udp");
        assertThat(DslParser.parse(DslPrinter.print(qs))).isEqualTo(qs);
    }

    @Test
    void syntaxErrorsNameLineColumnAndWhatWasExpected() {
        assertThatThrownBy(() -> DslParser.parseQuery("query q\n  packets\n  | filter len >"))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("line 3, column 17")
                .hasMessageContaining("unexpected end of text");
        assertThatThrownBy(() -> DslParser.parseQuery("query q packets | frobnicate"))
                .hasMessageContaining("line 1, column 19")
                .hasMessageContaining("expected one of:")
                .hasMessageContaining("filter");
    }
}
