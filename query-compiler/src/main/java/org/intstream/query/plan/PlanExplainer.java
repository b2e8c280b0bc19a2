package org.intstream.query.plan;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.intstream.query.expr.Expr;

/**
 * Prints a plan as an indented tree, one node per line, the root first: the form golden-plan tests compare
 * and {@code explain} shows.
 */
public final class PlanExplainer implements PlanVisitor<String> {
    private static final PlanExplainer INSTANCE = new PlanExplainer();

    public static String explain(LogicalPlan plan) {
        StringBuilder sb = new StringBuilder();
        append(sb, plan, 0);
        return sb.toString();
    }

    private static void append(StringBuilder sb, LogicalPlan plan, int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
        sb.append(plan.accept(INSTANCE)).append('\n');
        if (plan instanceof SplitNode) {
            for (SplitNode.Branch b : ((SplitNode) plan).branches()) {
                for (int i = 0; i <= depth; i++) {
                    sb.append("  ");
                }
                sb.append("Branch ").append(b.name()).append('\n');
                append(sb, b.plan(), depth + 2);
            }
        }
        for (LogicalPlan input : plan.inputs()) {
            append(sb, input, depth + 1);
        }
    }

    static String names(List<NamedExpr> columns) {
        return columns.stream().map(NamedExpr::toString).collect(Collectors.joining(", "));
    }

    static String approx(List<ApproxSpec> specs) {
        return specs.isEmpty() ? "" : " using " + specs.stream().map(PlanExplainer::approx).collect(Collectors.joining(", "));
    }

    static String approx(ApproxSpec s) {
        StringBuilder sb = new StringBuilder(s.kind()).append('(');
        boolean first = true;
        for (Map.Entry<String, Expr> e : s.arguments().entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append(" = ").append(e.getValue());
        }
        return sb.append(')').toString();
    }

    @Override
    public String visitScan(ScanNode node) {
        return "Scan(" + node.stream() + (node.binding() == null ? "" : "@" + node.binding())
                + (node.isRelation() ? ", relation" : "") + ")";
    }

    @Override
    public String visitWindow(WindowNode node) {
        return "Window(" + node.spec() + ")";
    }

    @Override
    public String visitFilter(FilterNode node) {
        return "Filter(" + node.condition() + ")";
    }

    @Override
    public String visitProject(ProjectNode node) {
        return "Project(" + names(node.columns()) + ")";
    }

    @Override
    public String visitDistinct(DistinctNode node) {
        return "Distinct" + (node.approx() == null ? "" : "(using " + approx(node.approx()) + ")");
    }

    @Override
    public String visitAggregate(AggregateNode node) {
        return "Aggregate(" + names(node.aggregates()) + (node.keys().isEmpty() ? "" : " by " + names(node.keys()))
                + approx(node.approx()) + ")";
    }

    @Override
    public String visitJoin(JoinNode node) {
        return "Join(" + node.type().name().toLowerCase()
                + (node.using().isEmpty() ? "" : " using " + String.join(", ", node.using()))
                + (node.condition() == null ? "" : " on " + node.condition()) + ")";
    }

    @Override
    public String visitUnion(UnionNode node) {
        return "Union";
    }

    @Override
    public String visitTopK(TopKNode node) {
        return "TopK(" + node.k() + " by " + node.orderBy() + (node.descending() ? " desc" : " asc")
                + (node.partitionBy().isEmpty() ? "" : " per " + node.partitionBy().stream().map(Expr::toString)
                        .collect(Collectors.joining(", "))) + ")";
    }

    @Override
    public String visitPercentile(PercentileNode node) {
        return "Percentile(" + node.percentile() + " of " + node.value() + ")";
    }

    @Override
    public String visitSketch(SketchNode node) {
        return "Sketch(" + node.value() + " by " + names(node.keys()) + " using " + approx(node.sketch())
                + (node.top() == null ? "" : " top " + node.top()) + ")";
    }

    @Override
    public String visitSplit(SplitNode node) {
        return "Split(" + String.join(", ", node.branchNames()) + ")";
    }

    @Override
    public String visitBranchInput(BranchInputNode node) {
        return "BranchInput";
    }

    @Override
    public String visitStream(StreamNode node) {
        return node.kind().name().charAt(0) + node.kind().name().substring(1).toLowerCase();
    }

    @Override
    public String visitAlias(AliasNode node) {
        return "Alias(" + node.alias() + ")";
    }

    @Override
    public String visitOneRow(OneRowNode node) {
        return "OneRow";
    }

    @Override
    public String visitSort(SortNode node) {
        return "Sort(" + node.keys().stream().map(k -> k.expr() + (k.descending() ? " desc" : ""))
                .collect(Collectors.joining(", ")) + ")";
    }
}
