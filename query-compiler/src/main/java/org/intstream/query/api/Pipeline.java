package org.intstream.query.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.intstream.query.QueryDefinition;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.plan.BranchInputNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.SplitNode;
import org.intstream.query.plan.StreamNode;

/**
 * A query under construction at some stage: a {@link TupleStream} or a {@link WindowedRelation}. Every
 * operator returns a new stage over a new plan; {@link #build()} ends the query.
 */
public abstract class Pipeline {
    final Query query;
    final LogicalPlan plan;
    /** The split branch this stage belongs to, or null for the query's own pipeline. */
    final BranchScope branch;

    Pipeline(Query query, LogicalPlan plan, BranchScope branch) {
        this.query = query;
        this.plan = plan;
        this.branch = branch;
    }

    /**
     * The query definition, equal to what the DSL parser gives for the same pipeline: a pipeline that ends as
     * a relation is closed by an Rstream, as the DSL closes it.
     */
    public final QueryDefinition build() {
        requireWholeQuery(branch, "build()");
        LogicalPlan closed = PlanKinds.isRelation(plan) ? new StreamNode(plan, StreamNode.Kind.RSTREAM, null) : plan;
        return new QueryDefinition(query.name(), query.parameters(), closed, query.description());
    }

    static void requireWholeQuery(BranchScope branch, String operation) {
        if (branch != null) {
            throw new IllegalStateException("this is the pipeline of split branch '" + branch.name() + "': return it"
                    + " from the branch's function, and call " + operation + " on what split(...) returns");
        }
    }

    final Expr resolve(Expression e, String what) {
        return query.resolver().resolve(e, what);
    }

    /**
     * Columns with their names: the name given with {@code as}, else a field's own name, else, among
     * aggregates, the function's name (as the DSL names them).
     */
    final List<NamedExpr> columns(Selectable first, Selectable[] more, boolean aggregates, String what) {
        Objects.requireNonNull(first, what + " can't be null");
        Objects.requireNonNull(more, what + " can't be null");
        List<Selectable> all = new ArrayList<>();
        all.add(first);
        for (int i = 0; i < more.length; i++) {
            all.add(Objects.requireNonNull(more[i], what + " " + (i + 2) + " can't be null"));
        }
        return columns(all, aggregates, what, new TreeSet<>());
    }

    final List<NamedExpr> columns(List<Selectable> all, boolean aggregates, String what, Set<String> seen) {
        List<NamedExpr> out = new ArrayList<>();
        for (Selectable s : all) {
            Expr e = resolve(s.expression(), what);
            String name = s.explicitName();
            if (name == null) {
                if (e instanceof FieldRef) {
                    name = ((FieldRef) e).name();
                } else if (aggregates && e instanceof CallExpr) {
                    name = ((CallExpr) e).function();
                } else {
                    throw new IllegalArgumentException("give the column " + e + " of " + what + " a name: "
                            + "<expression>.as(\"<name>\")");
                }
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("column '" + name + "' appears twice in " + what
                        + "; rename one with .as(...)");
            }
            out.add(NamedExpr.of(name, e));
        }
        return out;
    }

    final List<Expr> exprs(Expression first, Expression[] more, String what) {
        List<Expr> out = new ArrayList<>();
        out.add(resolve(first, what));
        Objects.requireNonNull(more, what + " can't be null");
        for (int i = 0; i < more.length; i++) {
            out.add(resolve(more[i], what + " " + (i + 2)));
        }
        return out;
    }

    static List<LogicalPlan> unionInputs(LogicalPlan in, Source first, Source[] more) {
        List<LogicalPlan> inputs = new ArrayList<>();
        inputs.add(in);
        inputs.add(Objects.requireNonNull(first, "union source can't be null").scan());
        Objects.requireNonNull(more, "union sources can't be null");
        for (int i = 0; i < more.length; i++) {
            inputs.add(Objects.requireNonNull(more[i], "union source " + (i + 2) + " can't be null").scan());
        }
        return inputs;
    }

    static Source[] sources(String[] names) {
        Objects.requireNonNull(names, "union sources can't be null");
        Source[] out = new Source[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = Source.stream(names[i]);
        }
        return out;
    }

    /**
     * A split of this stage's plan into named branches, each built by its function from a stage of the same
     * kind over the branch input, and closed as the DSL closes a branch.
     */
    final <S extends Pipeline> Split split(List<Branch<S>> branches, Function<BranchScope, S> input) {
        requireWholeQuery(branch, "split(...)");
        if (branches.size() < 2) {
            throw new IllegalArgumentException("split needs at least two branches");
        }
        List<SplitNode.Branch> built = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Branch<S> b : branches) {
            if (!names.add(b.name())) {
                throw new IllegalArgumentException("split branch '" + b.name() + "' is defined twice");
            }
            BranchScope scope = new BranchScope(b.name());
            Pipeline out = b.body().apply(input.apply(scope));
            if (out == null) {
                throw new IllegalArgumentException("the function of split branch '" + b.name() + "' returned null");
            }
            if (out.branch != scope) {
                throw new IllegalArgumentException("the function of split branch '" + b.name() + "' must return a"
                        + " pipeline built from the input it is given");
            }
            if (out.plan instanceof BranchInputNode) {
                throw new IllegalArgumentException("split branch '" + b.name() + "' needs at least one operator");
            }
            LogicalPlan p = out.plan;
            if (PlanKinds.isRelation(PlanKinds.replaceBranchInput(p, plan))) {
                p = new StreamNode(p, StreamNode.Kind.RSTREAM, null);
            }
            built.add(new SplitNode.Branch(b.name(), p));
        }
        return new Split(query, new SplitNode(plan, built, null));
    }

    @SafeVarargs
    static <S extends Pipeline> List<Branch<S>> branches(Branch<S> first, Branch<S> second, Branch<S>... more) {
        Objects.requireNonNull(more, "branches can't be null");
        List<Branch<S>> all = new ArrayList<>();
        all.add(Objects.requireNonNull(first, "branch can't be null"));
        all.add(Objects.requireNonNull(second, "branch can't be null"));
        for (Branch<S> b : more) {
            all.add(Objects.requireNonNull(b, "branch can't be null"));
        }
        return all;
    }

    static ScanNode scan(Source s, String what) {
        return Objects.requireNonNull(s, what + " can't be null").scan();
    }

    /** The pipeline in DSL-like form, for messages and debugging. */
    @Override
    public String toString() {
        return query.name() + ": " + plan;
    }
}
