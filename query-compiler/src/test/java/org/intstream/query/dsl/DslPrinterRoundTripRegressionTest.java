package org.intstream.query.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.intstream.query.Parameter;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.ExprPrinter;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.expr.UnaryOperator;
import org.intstream.query.plan.BranchInputNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.SketchNode;
import org.intstream.query.plan.SplitNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;
import org.junit.jupiter.api.Test;

/** Plans whose printed text once failed to read back as the same plan. */
class DslPrinterRoundTripRegressionTest {

    @Test
    void aNegativeDurationIsWrittenAndReadAsOneLiteral() {
        Literal minusFive = Literal.ofDuration(-5_000_000L);
        assertThat(ExprPrinter.print(minusFive)).isEqualTo("-5s");
        QueryDefinition q = new QueryDefinition("q", List.of(Parameter.of("offset", minusFive)),
                new FilterNode(ScanNode.packets(), BinaryExpr.of(BinaryOperator.GT, FieldRef.of("d"), minusFive), null),
                "");
        assertThat(DslParser.parseQuery(DslPrinter.print(q))).isEqualTo(q);
        // With parentheses it stays the negation of a positive duration.
        FilterNode negation = (FilterNode) DslParser.parseQuery("query q packets | filter d > -(5s)").plan();
        assertThat(((BinaryExpr) negation.condition()).right())
                .isEqualTo(new UnaryExpr(UnaryOperator.NEGATE, Literal.ofDuration(5_000_000L), null));
    }

    @Test
    void aSketchedCallWithoutAsIsNamedAfterItsFunction() {
        String text = "query q packets | window tumbling 5s"
                + " | sketch count() by ip.src using countmin(rows = 3, width = 8)";
        SketchNode sketch = (SketchNode) DslParser.parseQuery(text).plan().input();
        assertThat(sketch.value()).isEqualTo(NamedExpr.of("count", CallExpr.of("count")));
        assertThat(sketch.keys()).containsExactly(NamedExpr.of("ip.src", FieldRef.of("ip.src")));
        QueryDefinition q = DslParser.parseQuery(text);
        assertThat(DslPrinter.print(q)).contains("| sketch count() by ip.src using");
        assertThat(DslParser.parseQuery(DslPrinter.print(q))).isEqualTo(q);
    }

    @Test
    void aSketchStillRejectsAKeyNamedLikeItsValue() {
        assertThatThrownBy(() -> DslParser.parseQuery(
                "query q packets | window tumbling 5s | sketch count() as src by ip.src as src using countmin()"))
                .isInstanceOf(QueryException.class)
                .hasMessage("line 1, column 65: column 'src' appears twice; rename one with 'as'");
    }

    @Test
    void aBranchThatOnlyTurnsTheRelationIntoAStreamKeepsItsRstream() {
        LogicalPlan window = new WindowNode(ScanNode.packets(),
                WindowSpec.tumbling(Literal.ofDuration(5_000_000L), null), null);
        LogicalPlan all = new StreamNode(new BranchInputNode(null), StreamNode.Kind.RSTREAM, null);
        LogicalPlan large = new StreamNode(new FilterNode(new BranchInputNode(null),
                BinaryExpr.of(BinaryOperator.GT, FieldRef.of("len"), Literal.ofInt(1000)), null),
                StreamNode.Kind.RSTREAM, null);
        QueryDefinition q = new QueryDefinition("q", List.of(), new SplitNode(window,
                List.of(new SplitNode.Branch("all", all), new SplitNode.Branch("large", large)), null), "");
        String text = DslPrinter.print(q);
        assertThat(text).contains("all: rstream;").contains("large: filter len > 1000\n");
        assertThat(DslParser.parseQuery(text)).isEqualTo(q);
    }

    @Test
    void everyLineOfADescriptionStaysAComment() {
        QueryDefinition q = new QueryDefinition("q", List.of(), ScanNode.packets(),
                "first\rquery injected packets\r\nlast");
        String text = DslPrinter.print(q);
        assertThat(text).startsWith("# first\n# query injected packets\n# last\nquery q\n");
        QueryDefinition back = DslParser.parseQuery(text);
        assertThat(back).isEqualTo(q);
        assertThat(back.description()).isEqualTo("first\nquery injected packets\nlast");
    }
}
