package org.intstream.query.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprRewriter;

/**
 * Applies an expression rewrite to every expression of a plan — conditions, columns, window sizes, sketch
 * arguments, split branches — and rebuilds the nodes that changed.
 */
public final class PlanRewriter {
    private final Function<Expr, Expr> replace;

    private PlanRewriter(Function<Expr, Expr> replace) {
        this.replace = replace;
    }

    public static LogicalPlan mapExprs(LogicalPlan plan, Function<Expr, Expr> replace) {
        return new PlanRewriter(replace).rewrite(plan);
    }

    private Expr e(Expr x) {
        return ExprRewriter.rewrite(x, replace);
    }

    private List<Expr> es(List<Expr> xs) {
        List<Expr> out = new ArrayList<>();
        for (Expr x : xs) {
            out.add(e(x));
        }
        return out;
    }

    private List<NamedExpr> named(List<NamedExpr> cols) {
        List<NamedExpr> out = new ArrayList<>();
        for (NamedExpr c : cols) {
            out.add(new NamedExpr(c.name(), e(c.expr()), c.position()));
        }
        return out;
    }

    private ApproxSpec approx(ApproxSpec a) {
        if (a == null) {
            return null;
        }
        Map<String, Expr> args = new LinkedHashMap<>();
        for (Map.Entry<String, Expr> entry : a.arguments().entrySet()) {
            args.put(entry.getKey(), e(entry.getValue()));
        }
        return new ApproxSpec(a.kind(), args, a.position());
    }

    private LogicalPlan rewrite(LogicalPlan plan) {
        List<LogicalPlan> inputs = new ArrayList<>();
        for (LogicalPlan in : plan.inputs()) {
            inputs.add(rewrite(in));
        }
        LogicalPlan p = plan.inputs().isEmpty() ? plan : plan.withInputs(inputs);
        if (p instanceof ScanNode && ((ScanNode) p).isProbe()) {
            ScanNode scan = (ScanNode) p;
            return scan.withProbe(scan.probe().withExprs(this::e));
        }
        if (p instanceof WindowNode) {
            WindowNode w = (WindowNode) p;
            return w.withSpec(w.spec().withExprs(e(w.spec().size()), e(w.spec().slide())));
        }
        if (p instanceof FilterNode) {
            return ((FilterNode) p).withCondition(e(((FilterNode) p).condition()));
        }
        if (p instanceof ProjectNode) {
            return ((ProjectNode) p).withColumns(named(((ProjectNode) p).columns()));
        }
        if (p instanceof DistinctNode) {
            return ((DistinctNode) p).withApprox(approx(((DistinctNode) p).approx()));
        }
        if (p instanceof AggregateNode) {
            AggregateNode a = (AggregateNode) p;
            List<ApproxSpec> specs = new ArrayList<>();
            for (ApproxSpec s : a.approx()) {
                specs.add(approx(s));
            }
            return a.with(named(a.keys()), named(a.aggregates()), specs);
        }
        if (p instanceof JoinNode) {
            JoinNode j = (JoinNode) p;
            return new JoinNode(j.left(), j.right(), j.type(), j.using(), e(j.condition()), j.position());
        }
        if (p instanceof TopKNode) {
            TopKNode t = (TopKNode) p;
            return t.withExprs(e(t.k()), e(t.orderBy()), es(t.partitionBy()));
        }
        if (p instanceof PercentileNode) {
            PercentileNode pc = (PercentileNode) p;
            return pc.withExprs(e(pc.percentile()), e(pc.value()));
        }
        if (p instanceof SketchNode) {
            SketchNode s = (SketchNode) p;
            NamedExpr v = s.value();
            return s.with(new NamedExpr(v.name(), e(v.expr()), v.position()), named(s.keys()), approx(s.sketch()),
                    e(s.top()));
        }
        if (p instanceof SplitNode) {
            List<SplitNode.Branch> branches = new ArrayList<>();
            for (SplitNode.Branch b : ((SplitNode) p).branches()) {
                branches.add(new SplitNode.Branch(b.name(), rewrite(b.plan())));
            }
            return ((SplitNode) p).withBranches(branches);
        }
        if (p instanceof SortNode) {
            List<SortNode.Key> keys = new ArrayList<>();
            for (SortNode.Key k : ((SortNode) p).keys()) {
                keys.add(new SortNode.Key(e(k.expr()), k.descending()));
            }
            return ((SortNode) p).withKeys(keys);
        }
        return p;
    }
}
