package org.intstream.query.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.intstream.query.Parameter;
import org.intstream.query.QueryDefinition;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprPrinter;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.ApproxSpec;
import org.intstream.query.plan.BranchInputNode;
import org.intstream.query.plan.DistinctNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.JoinNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.PercentileNode;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.ProjectNode;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.SketchNode;
import org.intstream.query.plan.SortNode;
import org.intstream.query.plan.SplitNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.plan.TopKNode;
import org.intstream.query.plan.UnionNode;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;

/**
 * Writes a query definition as DSL text. Parsing the text gives back an equal definition: the printer
 * leaves out only what the parser puts back (the Rstream that closes a relation, names a column gets by
 * default).
 */
public final class DslPrinter {
    private static final String INDENT = "  ";

    private DslPrinter() {
    }

    public static String print(QueryDefinition q) {
        StringBuilder sb = new StringBuilder();
        if (!q.description().isEmpty()) {
            // A comment ends at any line break, '\r' included: each line of the description gets its own '#'.
            for (String line : q.description().split("\r\n|\r|\n", -1)) {
                sb.append(line.isEmpty() ? "#" : "# " + line).append('\n');
            }
        }
        sb.append("query ").append(q.name());
        if (!q.parameters().isEmpty()) {
            sb.append(q.parameters().stream().map(DslPrinter::param).collect(Collectors.joining(", ", "(", ")")));
        }
        sb.append('\n');
        for (String line : pipeline(q.plan(), null)) {
            sb.append(INDENT).append(line).append('\n');
        }
        return sb.toString();
    }

    public static String print(List<QueryDefinition> queries) {
        return queries.stream().map(DslPrinter::print).collect(Collectors.joining("\n"));
    }

    private static String param(Parameter p) {
        return p.name() + " = " + ExprPrinter.print(p.defaultValue());
    }

    /** The source line followed by one "| operator" line per node, from the leaf up. */
    private static List<String> pipeline(LogicalPlan root, LogicalPlan branchInput) {
        List<String> lines = new ArrayList<>();
        LogicalPlan plan = dropClosingRstream(root, branchInput);
        List<LogicalPlan> chain = new ArrayList<>();
        while (!(plan instanceof ScanNode) && !(plan instanceof BranchInputNode)) {
            chain.add(plan);
            plan = plan instanceof JoinNode ? ((JoinNode) plan).left()
                    : plan instanceof UnionNode ? plan.inputs().get(0) : plan.input();
        }
        if (plan instanceof ScanNode) {
            lines.add(source((ScanNode) plan));
        }
        Collections.reverse(chain);
        for (LogicalPlan node : chain) {
            lines.add("| " + operator(node));
        }
        return lines;
    }

    /**
     * The parser closes a relation with an Rstream, so the printer leaves that one out, except right over a
     * split's branch input: a branch needs at least one operator, and an explicit rstream gives the same plan.
     */
    private static LogicalPlan dropClosingRstream(LogicalPlan plan, LogicalPlan branchInput) {
        if (plan instanceof StreamNode && ((StreamNode) plan).kind() == StreamNode.Kind.RSTREAM
                && !(plan.input() instanceof BranchInputNode)
                && PlanKinds.isRelation(branchInput == null ? plan.input()
                        : PlanKinds.replaceBranchInput(plan.input(), branchInput))) {
            return plan.input();
        }
        return plan;
    }

    private static String source(ScanNode s) {
        return s.stream() + (s.binding() == null ? "" : "@" + s.binding());
    }

    private static String operator(LogicalPlan node) {
        if (node instanceof FilterNode) {
            return "filter " + expr(((FilterNode) node).condition());
        }
        if (node instanceof ProjectNode) {
            return "map " + named(((ProjectNode) node).columns(), false);
        }
        if (node instanceof DistinctNode) {
            ApproxSpec a = ((DistinctNode) node).approx();
            return "distinct" + (a == null ? "" : " using " + approx(a));
        }
        if (node instanceof AggregateNode) {
            AggregateNode a = (AggregateNode) node;
            return "reduce " + named(a.aggregates(), true) + (a.keys().isEmpty() ? "" : " by " + named(a.keys(), false))
                    + (a.approx().isEmpty() ? "" : " using "
                    + a.approx().stream().map(DslPrinter::approx).collect(Collectors.joining(", ")));
        }
        if (node instanceof WindowNode) {
            WindowSpec w = ((WindowNode) node).spec();
            switch (w.kind()) {
                case TUMBLING:
                    return "window tumbling " + expr(w.size());
                case SLIDING:
                    return "window sliding " + expr(w.size()) + " every " + expr(w.slide());
                default:
                    throw new IllegalArgumentException("the DSL has no syntax for a " + w.kind() + " window");
            }
        }
        if (node instanceof JoinNode) {
            JoinNode j = (JoinNode) node;
            if (!(j.right() instanceof ScanNode)) {
                throw new IllegalArgumentException("the DSL joins with a named query only");
            }
            return (j.type() == JoinNode.Type.LEFT ? "left " : "") + "join " + source((ScanNode) j.right())
                    + (j.using().isEmpty() ? "" : " using (" + String.join(", ", j.using()) + ")")
                    + (j.condition() == null ? "" : " on " + expr(j.condition()));
        }
        if (node instanceof UnionNode) {
            List<String> others = new ArrayList<>();
            for (LogicalPlan in : node.inputs().subList(1, node.inputs().size())) {
                if (!(in instanceof ScanNode)) {
                    throw new IllegalArgumentException("the DSL unions named queries only");
                }
                others.add(source((ScanNode) in));
            }
            return "union " + String.join(", ", others);
        }
        if (node instanceof TopKNode) {
            TopKNode t = (TopKNode) node;
            return "topk " + expr(t.k()) + " by " + expr(t.orderBy()) + (t.descending() ? "" : " asc")
                    + (t.partitionBy().isEmpty() ? "" : " per "
                    + t.partitionBy().stream().map(DslPrinter::expr).collect(Collectors.joining(", ")));
        }
        if (node instanceof PercentileNode) {
            PercentileNode p = (PercentileNode) node;
            return "percentile " + expr(p.percentile()) + " of " + expr(p.value());
        }
        if (node instanceof SketchNode) {
            SketchNode s = (SketchNode) node;
            return "sketch " + named(List.of(s.value()), true) + " by " + named(s.keys(), false) + " using "
                    + approx(s.sketch()) + (s.top() == null ? "" : " top " + expr(s.top()));
        }
        if (node instanceof SplitNode) {
            StringBuilder sb = new StringBuilder("split {");
            List<SplitNode.Branch> branches = ((SplitNode) node).branches();
            for (int i = 0; i < branches.size(); i++) {
                SplitNode.Branch b = branches.get(i);
                List<String> ops = pipeline(b.plan(), node.input());
                sb.append("\n").append(INDENT).append(INDENT).append(b.name()).append(": ")
                        .append(ops.stream().map(l -> l.substring(2)).collect(Collectors.joining(" | ")))
                        .append(i + 1 < branches.size() ? ";" : "");
            }
            return sb.append("\n").append(INDENT).append("}").toString();
        }
        if (node instanceof SortNode) {
            return "sort " + ((SortNode) node).keys().stream()
                    .map(k -> expr(k.expr()) + (k.descending() ? " desc" : "")).collect(Collectors.joining(", "));
        }
        if (node instanceof StreamNode) {
            return ((StreamNode) node).kind().name().toLowerCase();
        }
        throw new IllegalArgumentException("no DSL syntax for " + node.getClass().getSimpleName());
    }

    private static String named(List<NamedExpr> columns, boolean aggregates) {
        return columns.stream().map(c -> {
            String e = expr(c.expr());
            boolean defaultName = c.expr() instanceof FieldRef ? ((FieldRef) c.expr()).name().equals(c.name())
                    : aggregates && c.expr() instanceof CallExpr && ((CallExpr) c.expr()).function().equals(c.name());
            return defaultName ? e : e + " as " + c.name();
        }).collect(Collectors.joining(", "));
    }

    private static String approx(ApproxSpec a) {
        StringBuilder sb = new StringBuilder(a.kind()).append('(');
        boolean first = true;
        for (Map.Entry<String, Expr> e : a.arguments().entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append(" = ").append(expr(e.getValue()));
            first = false;
        }
        return sb.append(')').toString();
    }

    private static String expr(Expr e) {
        return ExprPrinter.print(e);
    }
}
