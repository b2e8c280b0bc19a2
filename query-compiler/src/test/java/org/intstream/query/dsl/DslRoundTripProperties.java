package org.intstream.query.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprPrinter;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.ParamRef;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.expr.UnaryOperator;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.SplitNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/**
 * Printing a query definition and parsing the text gives back an equal definition, and the description as
 * comment lines.
 */
class DslRoundTripProperties {

    @Property(tries = 5000)
    void printedExpressionsParseBackEqual(@ForAll("expressions") Expr e) {
        String text = "query q packets | filter " + ExprPrinter.print(e);
        assertThat(((FilterNode) parse(text).plan()).condition()).as(text).isEqualTo(e);
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void printedQueriesParseBackEqual(@ForAll("queries") QueryDefinition q) {
        int nodes = PlanKinds.postOrder(q.plan()).size();
        Statistics.label("plan nodes").collect(nodes < 4 ? "1-3" : nodes < 8 ? "4-7" : nodes < 16 ? "8-15" : "16+");
        String text = DslPrinter.print(q);
        QueryDefinition back = parse(text);
        assertThat(back).as(text).isEqualTo(q);
        assertThat(back.description()).as(text).isEqualTo(readBack(q.description()));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void printedQueryFilesParseBackEqual(@ForAll("queryFiles") List<QueryDefinition> queries) {
        String text = DslPrinter.print(queries);
        assertThat(DslParser.parse(text)).as(text).isEqualTo(queries);
    }

    /** Guards the generator: the properties above only mean something if every kind of node shows up. */
    @Example
    void generatorProducesEveryOperatorAndExpressionKind() {
        Set<String> nodes = new TreeSet<>();
        QueryArbitraries.queries().sampleStream().limit(1500).forEach(q -> {
            for (LogicalPlan n : PlanKinds.postOrder(q.plan())) {
                nodes.add(n instanceof StreamNode ? ((StreamNode) n).kind().name() : n.getClass().getSimpleName());
                if (n instanceof SplitNode && ((SplitNode) n).branches().stream()
                        .anyMatch(b -> PlanKinds.postOrder(b.plan()).stream().anyMatch(SplitNode.class::isInstance))) {
                    nodes.add("nested split");
                }
            }
        });
        assertThat(nodes).containsAll(List.of("ScanNode", "BranchInputNode", "FilterNode", "ProjectNode",
                "DistinctNode", "AggregateNode", "WindowNode", "JoinNode", "UnionNode", "TopKNode", "PercentileNode",
                "SketchNode", "SortNode", "SplitNode", "nested split", "ISTREAM", "DSTREAM", "RSTREAM"));

        Set<String> exprs = new TreeSet<>();
        QueryArbitraries.exprs(Set.of("p"), 4).sampleStream().limit(1500).forEach(e -> collectKinds(e, exprs));
        for (BinaryOperator op : BinaryOperator.values()) {
            assertThat(exprs).contains(op.name());
        }
        for (UnaryOperator op : UnaryOperator.values()) {
            assertThat(exprs).contains(op.name());
        }
        for (Type t : List.of(Type.INT, Type.FLOAT, Type.BOOL, Type.STRING, Type.DURATION, Type.IP, Type.PREFIX,
                Type.TIMESTAMP)) {
            assertThat(exprs).contains(t.toString());
        }
        assertThat(exprs).contains("field", "param", "call", "negative int", "negative float", "negative duration",
                "IPv6", "IPv6 prefix");
    }

    private static void collectKinds(Expr e, Set<String> kinds) {
        if (e instanceof BinaryExpr) {
            kinds.add(((BinaryExpr) e).operator().name());
            collectKinds(((BinaryExpr) e).left(), kinds);
            collectKinds(((BinaryExpr) e).right(), kinds);
        } else if (e instanceof UnaryExpr) {
            kinds.add(((UnaryExpr) e).operator().name());
            collectKinds(((UnaryExpr) e).operand(), kinds);
        } else if (e instanceof CallExpr) {
            kinds.add("call");
            ((CallExpr) e).arguments().forEach(a -> collectKinds(a, kinds));
        } else if (e instanceof FieldRef) {
            kinds.add("field");
        } else if (e instanceof ParamRef) {
            kinds.add("param");
        } else {
            Literal l = (Literal) e;
            kinds.add(l.type().toString());
            if (l.value() instanceof Number && ((Number) l.value()).doubleValue() < 0) {
                kinds.add("negative " + l.type());
            }
            if (l.value() instanceof IpAddress && !((IpAddress) l.value()).isV4()) {
                kinds.add("IPv6");
            }
            if (l.value() instanceof IpPrefix && !((IpPrefix) l.value()).network().isV4()) {
                kinds.add("IPv6 prefix");
            }
        }
    }

    /** A description as the parser reads it back: its lines joined by '\n', without surrounding blanks. */
    private static String readBack(String description) {
        return String.join("\n", description.split("\r\n|\r|\n", -1)).trim();
    }

    private static QueryDefinition parse(String text) {
        try {
            return DslParser.parseQuery(text);
        } catch (QueryException e) {
            throw new AssertionError("the printed text doesn't parse: " + e.getMessage() + "\n" + text, e);
        }
    }

    @Provide
    Arbitrary<Expr> expressions() {
        return QueryArbitraries.exprs(Set.of(), 4);
    }

    @Provide
    Arbitrary<QueryDefinition> queries() {
        return QueryArbitraries.queries();
    }

    @Provide
    Arbitrary<List<QueryDefinition>> queryFiles() {
        return QueryArbitraries.queries().list().ofMinSize(1).ofMaxSize(3).uniqueElements(QueryDefinition::name);
    }
}
