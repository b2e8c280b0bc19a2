package org.intstream.engine.cql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.eval.ExprCompiler;
import org.intstream.engine.record.Record;
import org.intstream.query.QueryException;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprRewriter;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.SubqueryExpr;
import org.intstream.query.function.Accumulator;
import org.intstream.query.function.AggregateFunction;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.function.Signatures;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.AliasNode;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.DistinctNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.JoinNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.OneRowNode;
import org.intstream.query.plan.ProjectNode;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.Schema;
import org.intstream.query.plan.SortNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.plan.UnionNode;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.type.Type;

/**
 * Compiles a CQL statement's logical plan into operators that compute its relation at an instant, from the
 * current contents of its windows and of the relations it reads. Correlated subqueries are evaluated per row
 * of the block around them; subqueries that read nothing from around them are computed once per instant.
 */
final class PlanEvaluator {

    /** Computes a relation (a bag of rows) at the current instant. */
    interface RelOp {
        List<Object[]> eval(Object[][] outer, long instant);

        Schema schema();
    }

    /** Where window contents and named relations come from. */
    interface Sources {
        /** A window over packets, a named stream, or (istream) a named relation read as a stream. */
        WindowState window(WindowNode node, String source, boolean istream);

        /** The current value of a named relation. */
        List<Object[]> relation(String name);

        Schema schemaOf(String name);
    }

    private final FunctionRegistry functions;
    private final Sources sources;
    /** Subquery evaluators that must be reset at each instant (their once-per-instant cache). */
    private final List<SubqueryEvaluator> cached = new ArrayList<>();

    PlanEvaluator(FunctionRegistry functions, Sources sources) {
        this.functions = functions;
        this.sources = sources;
    }

    /** Compiles a statement's plan (without its relation-to-stream operator). */
    RelOp compile(LogicalPlan plan) {
        return compile(plan, null);
    }

    /**
     * The statement plan as a {@link DeltaSelect} when it filters and projects one window row by row (no
     * subqueries), else null; compile the plan with {@link #compile(LogicalPlan)} then.
     */
    DeltaSelect deltaSelect(LogicalPlan plan) {
        List<NamedExpr> selected = null;
        LogicalPlan p = plan;
        if (p instanceof ProjectNode) {
            selected = ((ProjectNode) p).columns();
            p = p.input();
        }
        Expr condition = null;
        if (p instanceof FilterNode) {
            condition = ((FilterNode) p).condition();
            p = p.input();
        }
        if (!isLeafShape(p) || (condition != null && hasSubquery(condition))) {
            return null;
        }
        for (NamedExpr c : selected == null ? List.<NamedExpr>of() : selected) {
            if (hasSubquery(c.expr())) {
                return null;
            }
        }
        Leaf leaf = leaf(p);
        Layout layout = Layout.top(leaf.schema);
        ExprCompiler compiler = new ExprCompiler(layout.unified(), functions);
        Evaluator filter = condition == null ? null : compiler.compile(condition);
        Evaluator[] columns = null;
        Schema schema = leaf.schema;
        if (selected != null) {
            columns = new Evaluator[selected.size()];
            List<Column> cols = new ArrayList<>();
            for (int i = 0; i < columns.length; i++) {
                columns[i] = compiler.compile(selected.get(i).expr());
                cols.add(new Column(selected.get(i).name(), columns[i].type()));
            }
            schema = Schema.of(cols);
        }
        return new DeltaSelect(leaf.window, filter, columns, new EnvRecord(layout, new Object[0][]), schema);
    }

    /** Forgets per-instant caches; call before evaluating at a new instant. */
    void newInstant() {
        for (SubqueryEvaluator s : cached) {
            s.cacheValid = false;
        }
    }

    /** Compiles a node; {@code outer} is the layout of the block around a subquery, or null. */
    private RelOp compile(LogicalPlan plan, Layout outer) {
        if (plan instanceof WindowNode) {
            WindowNode w = (WindowNode) plan;
            LogicalPlan in = w.input();
            boolean istream = false;
            if (in instanceof StreamNode) {
                istream = true;
                in = in.input();
            }
            ScanNode scan = (ScanNode) in;
            String source = scan.isPackets() ? null : scan.stream();
            WindowState state = sources.window(w, source, istream);
            Schema schema = scan.isPackets() ? org.intstream.query.cql.PacketsSchema.SCHEMA : sources.schemaOf(source);
            return new RelOp() {
                @Override
                public List<Object[]> eval(Object[][] o, long instant) {
                    return state.rows();
                }

                @Override
                public Schema schema() {
                    return schema;
                }
            };
        }
        if (plan instanceof ScanNode) {
            ScanNode s = (ScanNode) plan;
            Schema schema = sources.schemaOf(s.stream());
            return new RelOp() {
                @Override
                public List<Object[]> eval(Object[][] o, long instant) {
                    return sources.relation(s.stream());
                }

                @Override
                public Schema schema() {
                    return schema;
                }
            };
        }
        if (plan instanceof AliasNode) {
            AliasNode a = (AliasNode) plan;
            RelOp in = compile(a.input(), outer);
            List<Column> cols = new ArrayList<>();
            for (Column c : in.schema().columns()) {
                cols.add(new Column(a.alias() + "." + c.name(), c.type()));
            }
            Schema schema = Schema.of(cols);
            return new RelOp() {
                @Override
                public List<Object[]> eval(Object[][] o, long instant) {
                    return in.eval(o, instant);
                }

                @Override
                public Schema schema() {
                    return schema;
                }
            };
        }
        if (plan instanceof OneRowNode) {
            Schema none = Schema.of(List.of());
            List<Object[]> one = List.<Object[]>of(new Object[0]);
            return new RelOp() {
                @Override
                public List<Object[]> eval(Object[][] o, long instant) {
                    return one;
                }

                @Override
                public Schema schema() {
                    return none;
                }
            };
        }
        if (plan instanceof FilterNode && plan.input() instanceof JoinNode
                && ((JoinNode) plan.input()).type() == JoinNode.Type.CROSS) {
            return join((JoinNode) plan.input(), ((FilterNode) plan).condition(), outer);
        }
        if (plan instanceof JoinNode) {
            return join((JoinNode) plan, null, outer);
        }
        if (plan instanceof FilterNode) {
            RelOp in = compile(plan.input(), outer);
            Compiled cond = expression(((FilterNode) plan).condition(), in.schema(), outer);
            return new RelOp() {
                @Override
                public List<Object[]> eval(Object[][] o, long instant) {
                    List<Object[]> out = new ArrayList<>();
                    EnvRecord env = cond.env(o);
                    for (Object[] row : in.eval(o, instant)) {
                        if (cond.evaluator.test(env.at(row, instant)) == Evaluator.TRUE) {
                            out.add(row);
                        }
                    }
                    return out;
                }

                @Override
                public Schema schema() {
                    return in.schema();
                }
            };
        }
        if (plan instanceof ProjectNode) {
            RelOp in = compile(plan.input(), outer);
            List<NamedExpr> cols = ((ProjectNode) plan).columns();
            List<Compiled> exprs = new ArrayList<>();
            List<Column> schemaCols = new ArrayList<>();
            for (NamedExpr c : cols) {
                Compiled e = expression(c.expr(), in.schema(), outer);
                exprs.add(e);
                schemaCols.add(new Column(c.name(), e.evaluator.type()));
            }
            Schema schema = Schema.of(schemaCols);
            return new RelOp() {
                @Override
                public List<Object[]> eval(Object[][] o, long instant) {
                    List<Object[]> rows = in.eval(o, instant);
                    List<Object[]> out = new ArrayList<>(rows.size());
                    List<EnvRecord> envs = new ArrayList<>();
                    for (Compiled e : exprs) {
                        envs.add(e.env(o));
                    }
                    for (Object[] row : rows) {
                        Object[] r = new Object[exprs.size()];
                        for (int i = 0; i < r.length; i++) {
                            r[i] = exprs.get(i).evaluator.eval(envs.get(i).at(row, instant));
                        }
                        out.add(r);
                    }
                    return out;
                }

                @Override
                public Schema schema() {
                    return schema;
                }
            };
        }
        if (plan instanceof AggregateNode) {
            return aggregate((AggregateNode) plan, outer);
        }
        if (plan instanceof DistinctNode) {
            RelOp in = compile(plan.input(), outer);
            return new RelOp() {
                @Override
                public List<Object[]> eval(Object[][] o, long instant) {
                    Map<List<Object>, Object[]> seen = new LinkedHashMap<>();
                    for (Object[] row : in.eval(o, instant)) {
                        seen.putIfAbsent(Arrays.asList(row), row);
                    }
                    return new ArrayList<>(seen.values());
                }

                @Override
                public Schema schema() {
                    return in.schema();
                }
            };
        }
        if (plan instanceof SortNode) {
            RelOp in = compile(plan.input(), outer);
            List<SortNode.Key> keys = ((SortNode) plan).keys();
            int[] cols = new int[keys.size()];
            boolean[] desc = new boolean[keys.size()];
            for (int i = 0; i < cols.length; i++) {
                cols[i] = in.schema().indexOf(((FieldRef) keys.get(i).expr()).name());
                desc[i] = keys.get(i).descending();
            }
            Comparator<Object[]> order = (a, b) -> {
                for (int i = 0; i < cols.length; i++) {
                    int c = Signatures.compareValues(a[cols[i]], b[cols[i]]);
                    if (c != 0) {
                        return desc[i] ? -c : c;
                    }
                }
                return 0;
            };
            return new RelOp() {
                @Override
                public List<Object[]> eval(Object[][] o, long instant) {
                    List<Object[]> rows = new ArrayList<>(in.eval(o, instant));
                    rows.sort(order);
                    return rows;
                }

                @Override
                public Schema schema() {
                    return in.schema();
                }
            };
        }
        if (plan instanceof UnionNode) {
            List<RelOp> inputs = new ArrayList<>();
            for (LogicalPlan p : plan.inputs()) {
                inputs.add(compile(p instanceof StreamNode ? p.input() : p, outer));
            }
            return new RelOp() {
                @Override
                public List<Object[]> eval(Object[][] o, long instant) {
                    List<Object[]> out = new ArrayList<>();
                    for (RelOp in : inputs) {
                        out.addAll(in.eval(o, instant));
                    }
                    return out;
                }

                @Override
                public Schema schema() {
                    return inputs.get(0).schema();
                }
            };
        }
        if (plan instanceof StreamNode) {
            // a union branch that is a stream over [Now]: its relation is what arrives now
            return compile(plan.input(), outer);
        }
        throw new QueryException(plan.position(), "CQL can't run " + plan.getClass().getSimpleName() + " here");
    }

    /** Compiles an expression against a node's rows and the blocks around it. */
    private Compiled expression(Expr e, Schema row, Layout outer) {
        Layout layout = outer == null ? Layout.top(row) : outer.deeper(row);
        Map<SubqueryExpr, Type> types = new HashMap<>();
        Function<SubqueryExpr, Evaluator> subqueries = s -> {
            Evaluator indexed = indexed(s, layout);
            if (indexed == null) {
                indexed = ranked(s, layout);
            }
            if (indexed != null) {
                types.put(s, indexed.type());
                return indexed;
            }
            SubqueryEvaluator ev = new SubqueryEvaluator(s, compile(s.query(), layout), layout,
                    isCorrelated(s.query(), layout), this);
            if (!ev.correlated) {
                cached.add(ev);
            }
            types.put(s, ev.type());
            return ev;
        };
        ExprCompiler compiler = new ExprCompiler(layout.unified(), functions, subqueries, s -> {
            Type t = types.get(s);
            if (t == null) {
                subqueries.apply(s);
                t = types.get(s);
            }
            return t;
        });
        return new Compiled(compiler.compile(e), layout);
    }

    /** Compiles an expression read against records of an existing layout (In's operands). */
    private Evaluator compileIn(Layout layout, Expr e) {
        return new ExprCompiler(layout.unified(), functions).compile(e);
    }

    /** True when the subquery reads a column of the blocks around it. */
    private static boolean isCorrelated(LogicalPlan query, Layout outer) {
        boolean[] found = {false};
        org.intstream.query.plan.PlanRewriter.mapExprs(query, x -> {
            if (x instanceof FieldRef) {
                int i = outer.unified().indexOf(((FieldRef) x).name());
                found[0] |= i >= 0 && !definedInside(query, ((FieldRef) x).name());
            }
            return x;
        });
        return found[0];
    }

    /** Whether a canonical name (alias.column) is produced by an alias inside the query. */
    private static boolean definedInside(LogicalPlan query, String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return true;
        }
        String alias = name.substring(0, dot);
        for (LogicalPlan p : org.intstream.query.plan.PlanKinds.postOrder(query)) {
            if (p instanceof AliasNode && ((AliasNode) p).alias().equals(alias)) {
                return true;
            }
        }
        return false;
    }

    /** A compiled expression and the layout its record needs. */
    static final class Compiled {
        final Evaluator evaluator;
        final Layout layout;

        Compiled(Evaluator evaluator, Layout layout) {
            this.evaluator = evaluator;
            this.layout = layout;
        }

        EnvRecord env(Object[][] outer) {
            return new EnvRecord(layout, outer);
        }
    }

    /**
     * A cross join, with the equalities of the condition above it between the two sides used as hash keys
     * (the customer query joins B and C by id) and the rest applied to each pair.
     */
    private RelOp join(JoinNode j, Expr condition, Layout outer) {
        RelOp left = compile(j.left(), outer);
        RelOp right = compile(j.right(), outer);
        List<Column> cols = new ArrayList<>(left.schema().columns());
        cols.addAll(right.schema().columns());
        Schema schema = Schema.of(cols);
        List<Expr> leftKeys = new ArrayList<>();
        List<Expr> rightKeys = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        if (condition != null) {
            for (Expr c : conjuncts(condition)) {
                if (c instanceof BinaryExpr && ((BinaryExpr) c).operator() == BinaryOperator.EQ) {
                    Expr a = ((BinaryExpr) c).left();
                    Expr b = ((BinaryExpr) c).right();
                    if (reads(a, left.schema()) && reads(b, right.schema())) {
                        leftKeys.add(a);
                        rightKeys.add(b);
                        continue;
                    }
                    if (reads(a, right.schema()) && reads(b, left.schema())) {
                        leftKeys.add(b);
                        rightKeys.add(a);
                        continue;
                    }
                }
                rest.add(c);
            }
        }
        List<Compiled> lk = new ArrayList<>();
        for (Expr e : leftKeys) {
            lk.add(expression(e, left.schema(), outer));
        }
        List<Compiled> rk = new ArrayList<>();
        for (Expr e : rightKeys) {
            rk.add(expression(e, right.schema(), outer));
        }
        Expr restExpr = null;
        for (Expr e : rest) {
            restExpr = restExpr == null ? e : BinaryExpr.of(BinaryOperator.AND, restExpr, e);
        }
        Compiled residual = restExpr == null ? null : expression(restExpr, schema, outer);
        return new RelOp() {
            @Override
            public List<Object[]> eval(Object[][] o, long instant) {
                List<Object[]> ls = left.eval(o, instant);
                List<Object[]> rs = right.eval(o, instant);
                List<Object[]> out = new ArrayList<>();
                EnvRecord env = residual == null ? null : residual.env(o);
                if (lk.isEmpty()) {
                    for (Object[] l : ls) {
                        for (Object[] r : rs) {
                            add(out, l, r, env, instant);
                        }
                    }
                    return out;
                }
                Map<List<Object>, List<Object[]>> index = new HashMap<>();
                for (Object[] r : rs) {
                    List<Object> k = key(rk, r, o, instant);
                    if (k != null) {
                        index.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
                    }
                }
                for (Object[] l : ls) {
                    List<Object> k = key(lk, l, o, instant);
                    if (k == null) {
                        continue;
                    }
                    for (Object[] r : index.getOrDefault(k, List.of())) {
                        add(out, l, r, env, instant);
                    }
                }
                return out;
            }

            private void add(List<Object[]> out, Object[] l, Object[] r, EnvRecord env, long instant) {
                Object[] row = Arrays.copyOf(l, l.length + r.length);
                System.arraycopy(r, 0, row, l.length, r.length);
                if (env == null || residual.evaluator.test(env.at(row, instant)) == Evaluator.TRUE) {
                    out.add(row);
                }
            }

            @Override
            public Schema schema() {
                return schema;
            }
        };
    }

    /** Key values for a hash join (numbers normalised so 80 equals 80.0); null when one is absent. */
    private static List<Object> key(List<Compiled> exprs, Object[] row, Object[][] outer, long instant) {
        Object[] k = new Object[exprs.size()];
        for (int i = 0; i < k.length; i++) {
            Object v = exprs.get(i).evaluator.eval(exprs.get(i).env(outer).at(row, instant));
            if (v == null) {
                return null;
            }
            k[i] = v instanceof Number && !(v instanceof Double) ? (Object) ((Number) v).doubleValue() : v;
            if (v instanceof Double) {
                k[i] = v;
            }
        }
        return Arrays.asList(k);
    }

    private static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof BinaryExpr && ((BinaryExpr) e).operator() == BinaryOperator.AND) {
            out.addAll(conjuncts(((BinaryExpr) e).left()));
            out.addAll(conjuncts(((BinaryExpr) e).right()));
        } else {
            out.add(e);
        }
        return out;
    }

    /** True when every column the expression reads is one of the schema's, and it reads at least one. */
    private static boolean reads(Expr e, Schema schema) {
        boolean[] ok = {true};
        boolean[] any = {false};
        ExprRewriter.rewrite(e, x -> {
            if (x instanceof FieldRef) {
                any[0] = true;
                ok[0] &= schema.indexOf(((FieldRef) x).name()) >= 0;
            } else if (x instanceof SubqueryExpr) {
                ok[0] = false;
            }
            return x;
        });
        return ok[0] && any[0];
    }

    private RelOp aggregate(AggregateNode a, Layout outer) {
        RelOp incremental = incremental(a, outer);
        if (incremental != null) {
            return incremental;
        }
        RelOp in = compile(a.input(), outer);
        List<Compiled> keys = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (NamedExpr k : a.keys()) {
            Compiled c = expression(k.expr(), in.schema(), outer);
            keys.add(c);
            cols.add(new Column(k.name(), c.evaluator.type()));
        }
        List<AggregateFunction> fns = new ArrayList<>();
        List<List<Compiled>> args = new ArrayList<>();
        List<List<Type>> argTypes = new ArrayList<>();
        for (NamedExpr c : a.aggregates()) {
            CallExpr call = (CallExpr) c.expr();
            AggregateFunction f = functions.aggregate(call.function());
            List<Compiled> as = new ArrayList<>();
            List<Type> ts = new ArrayList<>();
            for (Expr arg : call.arguments()) {
                Compiled ce = expression(arg, in.schema(), outer);
                as.add(ce);
                ts.add(ce.evaluator.type());
            }
            fns.add(f);
            args.add(as);
            argTypes.add(ts);
            cols.add(new Column(c.name(), f.resultType(ts)));
        }
        Schema schema = Schema.of(cols);
        boolean global = keys.isEmpty();
        return new RelOp() {
            @Override
            public List<Object[]> eval(Object[][] o, long instant) {
                Map<List<Object>, Accumulator[]> groups = new LinkedHashMap<>();
                List<EnvRecord> keyEnvs = new ArrayList<>();
                for (Compiled k : keys) {
                    keyEnvs.add(k.env(o));
                }
                for (Object[] row : in.eval(o, instant)) {
                    Object[] kv = new Object[keys.size()];
                    for (int i = 0; i < kv.length; i++) {
                        kv[i] = keys.get(i).evaluator.eval(keyEnvs.get(i).at(row, instant));
                    }
                    Accumulator[] accs = groups.computeIfAbsent(Arrays.asList(kv), x -> newAccumulators());
                    for (int f = 0; f < accs.length; f++) {
                        List<Compiled> as = args.get(f);
                        Object[] values = new Object[as.size()];
                        boolean skip = false;
                        for (int i = 0; i < values.length; i++) {
                            values[i] = as.get(i).evaluator.eval(as.get(i).env(o).at(row, instant));
                            skip |= values[i] == null && !fns.get(f).acceptsAbsent();
                        }
                        if (!skip) {
                            accs[f].add(values);
                        }
                    }
                }
                if (global && groups.isEmpty()) {
                    groups.put(List.of(), newAccumulators()); // SQL: an aggregate over nothing is one row
                }
                List<Object[]> out = new ArrayList<>(groups.size());
                for (Map.Entry<List<Object>, Accumulator[]> g : groups.entrySet()) {
                    Object[] row = new Object[schema.size()];
                    for (int i = 0; i < g.getKey().size(); i++) {
                        row[i] = g.getKey().get(i);
                    }
                    for (int f = 0; f < g.getValue().length; f++) {
                        row[keys.size() + f] = g.getValue()[f].result();
                    }
                    out.add(row);
                }
                return out;
            }

            private Accumulator[] newAccumulators() {
                Accumulator[] accs = new Accumulator[fns.size()];
                for (int f = 0; f < accs.length; f++) {
                    accs[f] = fns.get(f).newAccumulator(argTypes.get(f));
                }
                return accs;
            }

            @Override
            public Schema schema() {
                return schema;
            }
        };
    }

    /** A window leaf ({@code Alias} over {@code Window}) as the incremental aggregate reads it. */
    private static final class Leaf {
        final WindowState window;
        final Schema schema;

        Leaf(WindowState window, Schema schema) {
            this.window = window;
            this.schema = schema;
        }
    }

    private Leaf leaf(LogicalPlan plan) {
        if (!(plan instanceof AliasNode) || !(plan.input() instanceof WindowNode)) {
            return null;
        }
        WindowNode w = (WindowNode) plan.input();
        LogicalPlan in = w.input();
        boolean istream = false;
        if (in instanceof StreamNode) {
            istream = true;
            in = in.input();
        }
        if (!(in instanceof ScanNode)) {
            return null;
        }
        ScanNode scan = (ScanNode) in;
        String source = scan.isPackets() ? null : scan.stream();
        Schema inner = scan.isPackets() ? org.intstream.query.cql.PacketsSchema.SCHEMA : sources.schemaOf(source);
        List<Column> cols = new ArrayList<>();
        for (Column c : inner.columns()) {
            cols.add(new Column(((AliasNode) plan).alias() + "." + c.name(), c.type()));
        }
        return new Leaf(sources.window(w, source, istream), Schema.of(cols));
    }

    /**
     * {@code count()} and {@code sum(int)} by group over a filtered window, or a global {@code count()} over
     * the equi-join of two filtered windows, kept up to date incrementally ({@link IncrementalAggregate}); null
     * when the node has another shape (reads the blocks around it, other aggregates, other inputs).
     */
    private RelOp incremental(AggregateNode a, Layout outer) {
        List<Integer> order = new ArrayList<>();
        List<Expr> sumArgs = new ArrayList<>();
        for (NamedExpr n : a.aggregates()) {
            CallExpr c = (CallExpr) n.expr();
            if ("count".equals(c.function()) && c.arguments().isEmpty()) {
                order.add(0);
            } else if ("sum".equals(c.function()) && c.arguments().size() == 1) {
                sumArgs.add(c.arguments().get(0));
                order.add(sumArgs.size());
            } else {
                return null;
            }
        }
        LogicalPlan input = a.input();
        Expr condition = null;
        if (input instanceof FilterNode) {
            condition = ((FilterNode) input).condition();
            input = input.input();
        }
        if (input instanceof JoinNode) {
            JoinNode j = (JoinNode) input;
            if (j.type() != JoinNode.Type.CROSS || !a.keys().isEmpty() || !sumArgs.isEmpty() || condition == null
                    || !(isLeafShape(j.left()) && isLeafShape(j.right()))) {
                return null;
            }
            Schema ls = leafSchema(j.left());
            Schema rs = leafSchema(j.right());
            List<Expr> lf = new ArrayList<>();
            List<Expr> rf = new ArrayList<>();
            List<Expr> lk = new ArrayList<>();
            List<Expr> rk = new ArrayList<>();
            for (Expr c : conjuncts(condition)) {
                if (reads(c, ls)) {
                    lf.add(c);
                } else if (reads(c, rs)) {
                    rf.add(c);
                } else if (c instanceof BinaryExpr && ((BinaryExpr) c).operator() == BinaryOperator.EQ
                        && reads(((BinaryExpr) c).left(), ls) && reads(((BinaryExpr) c).right(), rs)) {
                    lk.add(((BinaryExpr) c).left());
                    rk.add(((BinaryExpr) c).right());
                } else if (c instanceof BinaryExpr && ((BinaryExpr) c).operator() == BinaryOperator.EQ
                        && reads(((BinaryExpr) c).left(), rs) && reads(((BinaryExpr) c).right(), ls)) {
                    lk.add(((BinaryExpr) c).right());
                    rk.add(((BinaryExpr) c).left());
                } else {
                    return null;
                }
            }
            if (lk.isEmpty()) {
                return null;
            }
            Leaf l = leaf(j.left());
            Leaf r = leaf(j.right());
            Schema out = Schema.of(List.of(new Column(a.aggregates().get(0).name(), Type.INT)));
            return new IncrementalAggregate(side(l, lf, lk, outer), side(r, rf, rk, outer), out);
        }
        if (!isLeafShape(input)) {
            return null;
        }
        Schema schema = leafSchema(input);
        List<Expr> keys = new ArrayList<>();
        for (NamedExpr k : a.keys()) {
            if (!reads(k.expr(), schema)) {
                return null;
            }
            keys.add(k.expr());
        }
        for (Expr e : sumArgs) {
            if (!reads(e, schema)) {
                return null;
            }
        }
        List<Expr> filters = condition == null ? List.of() : conjuncts(condition);
        for (Expr f : filters) {
            if (!reads(f, schema)) {
                return null;
            }
        }
        Leaf leaf = leaf(input);
        IncrementalAggregate.Side side = side(leaf, filters, keys, outer);
        Evaluator[] sums = new Evaluator[sumArgs.size()];
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            cols.add(new Column(a.keys().get(i).name(), side.key[i].type()));
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] = compileOver(leaf.schema, sumArgs.get(i), outer);
            if (!sums[i].type().equals(Type.INT)) {
                return null;
            }
        }
        for (int i = 0; i < a.aggregates().size(); i++) {
            cols.add(new Column(a.aggregates().get(i).name(), Type.INT));
        }
        return new IncrementalAggregate(side, sums, Schema.of(cols))
                .withOrder(order.stream().mapToInt(Integer::intValue).toArray());
    }

    private boolean isLeafShape(LogicalPlan p) {
        if (!(p instanceof AliasNode) || !(p.input() instanceof WindowNode)) {
            return false;
        }
        LogicalPlan in = p.input().input();
        return in instanceof ScanNode || (in instanceof StreamNode && in.input() instanceof ScanNode);
    }

    private Schema leafSchema(LogicalPlan aliasOverWindow) {
        LogicalPlan in = aliasOverWindow.input().input();
        ScanNode scan = (ScanNode) (in instanceof StreamNode ? in.input() : in);
        Schema inner = scan.isPackets() ? org.intstream.query.cql.PacketsSchema.SCHEMA : sources.schemaOf(scan.stream());
        List<Column> cols = new ArrayList<>();
        for (Column c : inner.columns()) {
            cols.add(new Column(((AliasNode) aliasOverWindow).alias() + "." + c.name(), c.type()));
        }
        return Schema.of(cols);
    }

    private Evaluator compileOver(Schema schema, Expr e, Layout outer) {
        Layout layout = outer == null ? Layout.top(schema) : outer.deeper(schema);
        return new ExprCompiler(layout.unified(), functions).compile(e);
    }

    private IncrementalAggregate.Side side(Leaf leaf, List<Expr> filters, List<Expr> keys, Layout outer) {
        Expr filter = null;
        for (Expr f : filters) {
            filter = filter == null ? f : BinaryExpr.of(BinaryOperator.AND, filter, f);
        }
        Evaluator[] k = new Evaluator[keys.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = compileOver(leaf.schema, keys.get(i), outer);
        }
        Layout layout = outer == null ? Layout.top(leaf.schema) : outer.deeper(leaf.schema);
        return new IncrementalAggregate.Side(leaf.window, filter == null ? null : compileOver(leaf.schema, filter, outer),
                k, new EnvRecord(layout, new Object[0][]));
    }

    /**
     * An Exists or In subquery over one filtered window that compares window columns with the rows around it
     * by equality, run through a hash index ({@link IndexedSubquery}); null for other shapes.
     */
    private Evaluator indexed(SubqueryExpr s, Layout outer) {
        if (s.kind() == SubqueryExpr.Kind.SCALAR) {
            return null;
        }
        LogicalPlan plan = s.query();
        List<NamedExpr> selected = null;
        if (plan instanceof ProjectNode) {
            selected = ((ProjectNode) plan).columns();
            plan = plan.input();
        }
        Expr condition = null;
        if (plan instanceof FilterNode) {
            condition = ((FilterNode) plan).condition();
            plan = plan.input();
        }
        if (!isLeafShape(plan)) {
            return null;
        }
        Schema leafSchema = leafSchema(plan);
        Layout inner = outer.deeper(leafSchema);
        List<Expr> insert = new ArrayList<>();
        List<Expr> innerKeys = new ArrayList<>();
        List<Expr> outerKeys = new ArrayList<>();
        List<Expr> residual = new ArrayList<>();
        for (Expr c : condition == null ? List.<Expr>of() : conjuncts(condition)) {
            if (reads(c, leafSchema)) {
                insert.add(c);
                continue;
            }
            if (c instanceof BinaryExpr && ((BinaryExpr) c).operator() == BinaryOperator.EQ) {
                Expr a = ((BinaryExpr) c).left();
                Expr b = ((BinaryExpr) c).right();
                if (reads(a, leafSchema) && readsOnlyOuter(b, leafSchema, outer)) {
                    innerKeys.add(a);
                    outerKeys.add(b);
                    continue;
                }
                if (reads(b, leafSchema) && readsOnlyOuter(a, leafSchema, outer)) {
                    innerKeys.add(b);
                    outerKeys.add(a);
                    continue;
                }
            }
            if (hasSubquery(c)) {
                return null;
            }
            residual.add(c);
        }
        if (s.kind() == SubqueryExpr.Kind.IN) {
            if (selected == null || selected.size() != s.operands().size()) {
                return null;
            }
            for (int i = 0; i < selected.size(); i++) {
                if (!reads(selected.get(i).expr(), leafSchema)) {
                    return null;
                }
                innerKeys.add(selected.get(i).expr());
                outerKeys.add(s.operands().get(i));
            }
        }
        if (innerKeys.isEmpty()) {
            return null;
        }
        Leaf leaf = leaf(plan);
        ExprCompiler innerCompiler = new ExprCompiler(inner.unified(), functions);
        ExprCompiler outerCompiler = new ExprCompiler(outer.unified(), functions);
        Evaluator[] ik = new Evaluator[innerKeys.size()];
        Evaluator[] ok = new Evaluator[outerKeys.size()];
        for (int i = 0; i < ik.length; i++) {
            ik[i] = innerCompiler.compile(innerKeys.get(i));
            ok[i] = outerCompiler.compile(outerKeys.get(i));
        }
        Evaluator insertFilter = insert.isEmpty() ? null : innerCompiler.compile(and(insert));
        Evaluator rest = residual.isEmpty() ? null : innerCompiler.compile(and(residual));
        return new IndexedSubquery(s, leaf.window, insertFilter, ik, ok, rest, new EnvRecord(inner, new Object[0][]));
    }

    /**
     * A scalar {@code Count(*)} over a relation or window correlated by one ordering comparison
     * ({@code L2.traffic < L1.traffic}), answered by ranking ({@link RankedCount}); null for other shapes.
     */
    private Evaluator ranked(SubqueryExpr s, Layout outer) {
        if (s.kind() != SubqueryExpr.Kind.SCALAR) {
            return null;
        }
        LogicalPlan plan = s.query();
        String selected = null;
        if (plan instanceof ProjectNode) {
            List<NamedExpr> cols = ((ProjectNode) plan).columns();
            if (cols.size() != 1 || !(cols.get(0).expr() instanceof FieldRef)) {
                return null;
            }
            selected = ((FieldRef) cols.get(0).expr()).name();
            plan = plan.input();
        }
        if (!(plan instanceof AggregateNode)) {
            return null;
        }
        AggregateNode a = (AggregateNode) plan;
        if (!a.keys().isEmpty() || a.aggregates().size() != 1 || !a.approx().isEmpty()) {
            return null;
        }
        NamedExpr count = a.aggregates().get(0);
        if ((selected != null && !selected.equals(count.name())) || !(count.expr() instanceof CallExpr)
                || !"count".equals(((CallExpr) count.expr()).function())
                || !((CallExpr) count.expr()).arguments().isEmpty()) {
            return null;
        }
        plan = a.input();
        Expr condition = null;
        if (plan instanceof FilterNode) {
            condition = ((FilterNode) plan).condition();
            plan = plan.input();
        }
        if (!(plan instanceof AliasNode)
                || !(plan.input() instanceof ScanNode || isLeafShape(plan))) {
            return null;
        }
        LogicalPlan from = plan;
        // a window leaf is only compiled once the shape is known to fit: compiling registers the window
        Schema schema = isLeafShape(from) ? leafSchema(from) : compile(from, outer).schema();
        List<Expr> own = new ArrayList<>();
        Expr innerSide = null;
        Expr outerSide = null;
        BinaryOperator op = null;
        for (Expr c : condition == null ? List.<Expr>of() : conjuncts(condition)) {
            if (reads(c, schema)) {
                own.add(c);
                continue;
            }
            if (op != null || !(c instanceof BinaryExpr)) {
                return null;
            }
            BinaryExpr b = (BinaryExpr) c;
            BinaryOperator o = b.operator();
            if (o != BinaryOperator.LT && o != BinaryOperator.LE && o != BinaryOperator.GT
                    && o != BinaryOperator.GE) {
                return null;
            }
            if (reads(b.left(), schema) && readsOnlyOuter(b.right(), schema, outer)) {
                innerSide = b.left();
                outerSide = b.right();
                op = o;
            } else if (reads(b.right(), schema) && readsOnlyOuter(b.left(), schema, outer)) {
                innerSide = b.right();
                outerSide = b.left();
                op = o == BinaryOperator.LT ? BinaryOperator.GT : o == BinaryOperator.LE ? BinaryOperator.GE
                        : o == BinaryOperator.GT ? BinaryOperator.LT : BinaryOperator.LE;
            } else {
                return null;
            }
        }
        if (op == null) {
            return null; // uncorrelated: computed once per instant anyway
        }
        Layout inner = outer.deeper(schema);
        ExprCompiler innerCompiler = new ExprCompiler(inner.unified(), functions);
        Evaluator innerValue = innerCompiler.compile(innerSide);
        Evaluator outerValue = new ExprCompiler(outer.unified(), functions).compile(outerSide);
        if (!innerValue.type().isNumeric() || !outerValue.type().isNumeric()) {
            return null;
        }
        Type countType = functions.aggregate("count").resultType(List.of());
        RelOp source = compile(from, outer);
        return new RankedCount(countType, source, own.isEmpty() ? null : innerCompiler.compile(and(own)),
                innerValue, outerValue, op, new EnvRecord(inner, new Object[0][]));
    }

    private static Expr and(List<Expr> conjuncts) {
        Expr all = conjuncts.get(0);
        for (int i = 1; i < conjuncts.size(); i++) {
            all = BinaryExpr.of(BinaryOperator.AND, all, conjuncts.get(i));
        }
        return all;
    }

    /** True when the expression reads only columns of the blocks around the subquery (and at least one). */
    private static boolean readsOnlyOuter(Expr e, Schema leafSchema, Layout outer) {
        boolean[] ok = {true};
        boolean[] any = {false};
        ExprRewriter.rewrite(e, x -> {
            if (x instanceof FieldRef) {
                String n = ((FieldRef) x).name();
                any[0] = true;
                ok[0] &= leafSchema.indexOf(n) < 0 && outer.unified().indexOf(n) >= 0;
            } else if (x instanceof SubqueryExpr) {
                ok[0] = false;
            }
            return x;
        });
        return ok[0] && any[0];
    }

    private static boolean hasSubquery(Expr e) {
        boolean[] found = {false};
        ExprRewriter.rewrite(e, x -> {
            found[0] |= x instanceof SubqueryExpr;
            return x;
        });
        return found[0];
    }

    /** Evaluates Exists, In and scalar subqueries for the current row. */
    static final class SubqueryEvaluator extends Evaluator {
        private final SubqueryExpr expr;
        private final RelOp query;
        private final Layout layout;
        final boolean correlated;
        private final List<Compiled> operands = new ArrayList<>();
        boolean cacheValid;
        private List<Object[]> cache;

        SubqueryEvaluator(SubqueryExpr expr, RelOp query, Layout layout, boolean correlated, PlanEvaluator owner) {
            super(typeOf(expr, query));
            this.expr = expr;
            this.query = query;
            this.layout = layout;
            this.correlated = correlated;
            for (Expr op : expr.operands()) {
                operands.add(new Compiled(owner.compileIn(layout, op), layout));
            }
        }

        private static Type typeOf(SubqueryExpr e, RelOp q) {
            return e.kind() == SubqueryExpr.Kind.SCALAR ? q.schema().columns().get(0).type() : Type.BOOL;
        }

        private List<Object[]> rows(Record r) {
            if (!correlated && cacheValid) {
                return cache;
            }
            EnvRecord env = (EnvRecord) r;
            List<Object[]> rows = query.eval(env.rows, r.time());
            if (!correlated) {
                cache = rows;
                cacheValid = true;
            }
            return rows;
        }

        @Override
        public Object eval(Record r) {
            List<Object[]> rows = rows(r);
            switch (expr.kind()) {
                case EXISTS:
                    return rows.isEmpty() == expr.negated();
                case SCALAR:
                    if (rows.size() > 1) {
                        throw new QueryException(expr.position(), "a subquery used as a value returned "
                                + rows.size() + " rows at instant " + r.time());
                    }
                    return rows.isEmpty() ? null : rows.get(0)[0];
                default:
                    Object[] looked = new Object[operands.size()];
                    for (int i = 0; i < looked.length; i++) {
                        looked[i] = operands.get(i).evaluator.eval(r);
                        if (looked[i] == null) {
                            return null;
                        }
                    }
                    boolean found = false;
                    for (Object[] row : rows) {
                        boolean eq = true;
                        for (int i = 0; i < looked.length && eq; i++) {
                            eq = row[i] != null && Signatures.compareValues(row[i], looked[i]) == 0;
                        }
                        if (eq) {
                            found = true;
                            break;
                        }
                    }
                    return found != expr.negated();
            }
        }

        @Override
        public int test(Record r) {
            Object v = eval(r);
            return v == null ? UNKNOWN : (Boolean) v ? TRUE : FALSE;
        }
    }
}
