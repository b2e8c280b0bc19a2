package org.intstream.engine.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.intstream.engine.aggregate.AggColumn;
import org.intstream.engine.aggregate.CountColumn;
import org.intstream.engine.aggregate.DistinctCountColumn;
import org.intstream.engine.aggregate.DistinctFilter;
import org.intstream.engine.aggregate.DoubleSumColumn;
import org.intstream.engine.aggregate.ExactDistinct;
import org.intstream.engine.aggregate.GenericColumn;
import org.intstream.engine.aggregate.KeyCodec;
import org.intstream.engine.aggregate.KeyTable;
import org.intstream.engine.aggregate.LongCollectColumn;
import org.intstream.engine.aggregate.LongExtremeColumn;
import org.intstream.engine.aggregate.LongSumColumn;
import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.eval.ExprCompiler;
import org.intstream.engine.exec.rel.BatchLookup;
import org.intstream.engine.exec.rel.FilterRows;
import org.intstream.engine.exec.rel.JoinRows;
import org.intstream.engine.exec.rel.PercentileRows;
import org.intstream.engine.exec.rel.ProjectRows;
import org.intstream.engine.exec.rel.RelationOperator;
import org.intstream.engine.exec.rel.SortRows;
import org.intstream.engine.exec.rel.StreamRows;
import org.intstream.engine.exec.rel.TerminalRows;
import org.intstream.engine.exec.rel.TopKRows;
import org.intstream.engine.exec.rel.UnionRows;
import org.intstream.engine.window.WindowAssigner;
import org.intstream.engine.sketch.SharedHashes;
import org.intstream.engine.sketch.SketchFactory;
import org.intstream.query.QueryException;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprRewriter;
import org.intstream.query.expr.Field;
import org.intstream.query.expr.FieldCatalog;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.function.AggregateFunction;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.DistinctNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.JoinNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.PercentileNode;
import org.intstream.query.plan.ProjectNode;
import org.intstream.query.plan.ProbeColumns;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.Schema;
import org.intstream.query.plan.SketchNode;
import org.intstream.query.plan.SortNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.plan.TopKNode;
import org.intstream.query.plan.UnionNode;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;
import org.intstream.query.type.Type;

/**
 * Turns one bound query output plan into an {@link OutputPipeline}. The operators up to the first one that
 * summarises a window (reduce, sketch, or the window's rows themselves) run per record: maps are inlined
 * into the expressions that read them, filters split into those before and after the window, and at most one
 * distinct guards the terminal. Everything after runs once per closed window over rows.
 */
final class PipelineBuilder {
    private final FunctionRegistry functions;
    private final EngineConfig config;
    private final Function<String, Schema> outputSchemas;
    private final BatchLookup lookup;
    private final ConnectionMemoWords memoWords = new ConnectionMemoWords();
    private final SharedHashes sketchHashes = new SharedHashes();
    private final SharedConditions conditions = new SharedConditions();

    PipelineBuilder(FunctionRegistry functions, EngineConfig config, Function<String, Schema> outputSchemas,
            BatchLookup lookup) {
        this.functions = functions;
        this.config = config;
        this.outputSchemas = outputSchemas;
        this.lookup = lookup;
    }

    OutputPipeline build(String queryName, String outputName, LogicalPlan plan) {
        List<LogicalPlan> chain = chainFromLeaf(plan);
        ScanNode scan = (ScanNode) chain.get(0);
        Schema sourceSchema = scan.isPackets() ? Schema.packets()
                : scan.isProbe() ? ProbeColumns.schema() : outputSchemas.apply(scan.stream());
        if (sourceSchema == null) {
            throw new QueryException(scan.position(), "unknown stream '" + scan.stream() + "'");
        }
        ExprCompiler source = new ExprCompiler(sourceSchema, functions);

        // Per-record stage: the current columns as expressions over the source.
        Map<String, Expr> columns = new LinkedHashMap<>();
        for (Column c : sourceSchema.columns()) {
            columns.put(c.name(), new FieldRef(c.name(), null));
        }
        List<Expr> before = new ArrayList<>();
        List<Expr> after = new ArrayList<>();
        if (scan.isPackets() && scan.binding() != null) {
            // packets@B: only what was observed at point B (a trace bound to that name, a link)
            before.add(BinaryExpr.of(BinaryOperator.EQ, FieldRef.of("point"),
                    org.intstream.query.expr.Literal.ofString(scan.binding())));
        }
        WindowAssigner window = null;
        DistinctNode distinct = null;
        Supplier<WindowTerminal> terminal = null;
        Schema schema = sourceSchema;
        int i = 1;
        for (; i < chain.size() && terminal == null; i++) {
            LogicalPlan node = chain.get(i);
            if (node instanceof FilterNode) {
                Expr cond = inline(((FilterNode) node).condition(), columns);
                (window == null ? before : after).add(cond);
            } else if (node instanceof ProjectNode) {
                Map<String, Expr> next = new LinkedHashMap<>();
                for (NamedExpr c : ((ProjectNode) node).columns()) {
                    next.put(c.name(), inline(c.expr(), columns));
                }
                columns = next;
            } else if (node instanceof WindowNode) {
                if (window != null) {
                    throw new QueryException(node.position(), "a second window: window the results of this query in "
                            + "another query that reads it");
                }
                window = assigner(((WindowNode) node).spec());
            } else if (node instanceof DistinctNode && distinct == null && window != null) {
                distinct = (DistinctNode) node;
            } else if (node instanceof AggregateNode && window != null) {
                AggregateNode a = (AggregateNode) node;
                List<NamedExpr> keys = inlineAll(a.keys(), columns);
                List<NamedExpr> aggs = inlineAll(a.aggregates(), columns);
                if (a.approx().isEmpty()) {
                    // Connection memo words serve one table per connection: not sliding windows' several.
                    List<Expr> filters = new ArrayList<>(before);
                    filters.addAll(after);
                    ConnectionMemoWords memo = scan.isPackets() && window.isTumbling()
                            && !ConnectionMemoWords.synOnly(filters) ? memoWords : null;
                    Supplier<DistinctFilter> distinctFilter = distinct == null ? null
                            : distinctFilter(source, columns, distinct, memo);
                    Evaluator having = null;
                    LogicalPlan next = i + 1 < chain.size() ? chain.get(i + 1) : null;
                    if (next instanceof FilterNode && readsOnly(((FilterNode) next).condition(), aggs)) {
                        having = new ExprCompiler(resultSchema(source, keys, aggs), functions)
                                .compile(((FilterNode) next).condition());
                        i++; // the filter runs inside the terminal
                    }
                    terminal = aggregateTerminal(source, keys, aggs, distinctFilter, having, memo);
                } else {
                    terminal = thresholdReport(source, keys, aggs, a, distinct, i + 1 < chain.size() ? chain.get(i + 1)
                            : null);
                    i++; // the threshold filter is part of the sketch's report
                }
                schema = resultSchema(source, keys, aggs);
            } else if (node instanceof SketchNode && window != null) {
                if (distinct != null) {
                    throw new QueryException(node.position(), "a sketch counts records: put distinct after it in "
                            + "another query, or drop it");
                }
                SketchNode s = (SketchNode) node;
                List<NamedExpr> keys = inlineAll(s.keys(), columns);
                NamedExpr value = inlineAll(List.of(s.value()), columns).get(0);
                terminal = SketchFactory.terminal(source, keys, value, s.sketch(), s.top(), functions, sketchHashes);
                schema = org.intstream.query.plan.SketchColumns.schema(s.value().name());
            } else if (window != null) {
                // Anything else works on the window's rows: materialise them and continue over rows.
                terminal = rowsTerminal(source, columns, distinct);
                schema = schemaOf(source, columns);
                i--;
            } else if (node instanceof StreamNode) {
                throw new QueryException(node.position(), "istream, dstream and rstream need a window before them");
            } else {
                throw new QueryException(node.position(), describe(node) + " works per window: add "
                        + "'| window tumbling 10s' (or sliding) before it");
            }
        }
        OutputInfo info;
        if (window == null) {
            Schema out = schemaOf(source, columns);
            info = new OutputInfo(queryName, outputName, out, false);
            return new OutputPipeline(info, scan.stream(), null,
                    new RecordEmitter(conjunction(source, before), evaluators(source, columns)), List.of());
        }
        if (terminal == null) {
            terminal = rowsTerminal(source, columns, distinct);
            schema = schemaOf(source, columns);
        }
        StreamStage stage = scan.isPackets()
                ? new StreamStage(conditions.allOf(source, before), conditions.allOf(source, after), window, terminal)
                : new StreamStage(conjunction(source, before), conjunction(source, after), window, terminal);

        // Relational steps over each closed window's rows.
        List<RelationOperator> relation = new ArrayList<>();
        for (; i < chain.size(); i++) {
            LogicalPlan node = chain.get(i);
            ExprCompiler rows = new ExprCompiler(schema, functions);
            RelationStep step = relationStep(node, rows);
            relation.add(step.operator);
            schema = step.schema;
        }
        info = new OutputInfo(queryName, outputName, schema, true);
        return new OutputPipeline(info, scan.stream(), stage, null, relation);
    }

    private static String describe(LogicalPlan node) {
        String n = node.getClass().getSimpleName().replace("Node", "").toLowerCase();
        return "aggregate".equals(n) ? "reduce" : "topk".equals(n) ? "topk" : n;
    }

    /** Nodes from the scan up to the root, following the left input of joins and the first of unions. */
    static List<LogicalPlan> chainFromLeaf(LogicalPlan root) {
        List<LogicalPlan> chain = new ArrayList<>();
        LogicalPlan p = root;
        while (true) {
            chain.add(p);
            if (p instanceof ScanNode) {
                break;
            }
            p = p instanceof JoinNode ? ((JoinNode) p).left() : p.inputs().get(0);
        }
        Collections.reverse(chain);
        return chain;
    }

    private static Expr inline(Expr e, Map<String, Expr> columns) {
        return ExprRewriter.rewrite(e, x -> {
            if (x instanceof FieldRef) {
                Expr def = columns.get(((FieldRef) x).name());
                return def == null ? x : def;
            }
            return x;
        });
    }

    private static List<NamedExpr> inlineAll(List<NamedExpr> exprs, Map<String, Expr> columns) {
        List<NamedExpr> out = new ArrayList<>();
        for (NamedExpr n : exprs) {
            out.add(new NamedExpr(n.name(), inline(n.expr(), columns), n.position()));
        }
        return out;
    }

    private WindowAssigner assigner(WindowSpec spec) {
        switch (spec.kind()) {
            case TUMBLING:
                return WindowAssigner.tumbling(positiveDuration(spec.size(), "window size"));
            case SLIDING: {
                long size = positiveDuration(spec.size(), "window size");
                long slide = positiveDuration(spec.slide(), "window slide");
                if (slide > size) {
                    throw new QueryException(spec.position(), "the slide (" + spec.slide() + ") is longer than the "
                            + "window (" + spec.size() + "): some packets would fall in no window");
                }
                return WindowAssigner.sliding(size, slide);
            }
            default:
                throw new QueryException(spec.position(), "a " + spec.kind().name().toLowerCase()
                        + " window is a CQL window; the DSL engine runs tumbling and sliding windows");
        }
    }

    private long positiveDuration(Expr e, String what) {
        Object v = ExprCompiler.constant(e, functions);
        if (!(v instanceof Long) || (Long) v <= 0) {
            throw new QueryException(e.position(), "the " + what + " must be a positive duration, not " + v);
        }
        return (Long) v;
    }

    private long nonNegativeInt(Expr e, String what) {
        Object v = ExprCompiler.constant(e, functions);
        if (!(v instanceof Long) || (Long) v < 0) {
            throw new QueryException(e.position(), what + " must be a non-negative integer, not " + v);
        }
        return (Long) v;
    }

    private Evaluator conjunction(ExprCompiler c, List<Expr> conditions) {
        if (conditions.isEmpty()) {
            return null;
        }
        Expr all = conditions.get(0);
        for (int k = 1; k < conditions.size(); k++) {
            all = BinaryExpr.of(BinaryOperator.AND, all, conditions.get(k));
        }
        return c.compile(all);
    }

    private static Evaluator[] evaluators(ExprCompiler c, Map<String, Expr> columns) {
        Evaluator[] out = new Evaluator[columns.size()];
        int k = 0;
        for (Expr e : columns.values()) {
            out[k++] = c.compile(e);
        }
        return out;
    }

    private static Schema schemaOf(ExprCompiler c, Map<String, Expr> columns) {
        List<Column> cols = new ArrayList<>();
        for (Map.Entry<String, Expr> e : columns.entrySet()) {
            cols.add(new Column(e.getKey(), c.typeOf(e.getValue())));
        }
        return Schema.of(cols);
    }

    /** The catalogue width of a header field read directly, else 64 bits. */
    private static int valueBits(ExprCompiler c, Expr e) {
        if (c.schema().isPackets() && e instanceof FieldRef) {
            Field f = FieldCatalog.lookup(((FieldRef) e).name());
            if (f != null && f.bits() < 64) {
                return f.bits();
            }
        }
        return 64;
    }

    KeyCodec codec(ExprCompiler c, List<Expr> parts) {
        return codec(c, parts, -1);
    }

    private KeyCodec codec(ExprCompiler c, List<Expr> parts, int memoWord) {
        Evaluator[] evs = new Evaluator[parts.size()];
        int[] bits = new int[parts.size()];
        for (int k = 0; k < parts.size(); k++) {
            evs[k] = c.compile(parts.get(k));
            bits[k] = valueBits(c, parts.get(k));
        }
        return new KeyCodec(evs, bits, memoWord);
    }

    /** Exact (bounded) distinct, or the switch's Bloom filter form for {@code distinct using bloom(...)}. */
    /** @param memo the memo words for connection-keyed tables, or null when the stage may not use them */
    private Supplier<DistinctFilter> distinctFilter(ExprCompiler c, Map<String, Expr> columns, DistinctNode d,
            ConnectionMemoWords memo) {
        List<Expr> parts = new ArrayList<>(columns.values());
        if (d.approx() != null) {
            return SketchFactory.bloomDistinct(c, parts, d.approx(), functions, sketchHashes);
        }
        KeyCodec codec = codec(c, parts, memo == null ? -1 : memo.wordFor(parts));
        return () -> new ExactDistinct(codec, config.maxKeys());
    }

    private Supplier<WindowTerminal> rowsTerminal(ExprCompiler c, Map<String, Expr> columns, DistinctNode d) {
        Evaluator[] cols = evaluators(c, columns);
        Supplier<DistinctFilter> distinct = d == null ? null : distinctFilter(c, columns, d, null);
        return () -> new RowsTerminal(cols, distinct == null ? null : distinct.get(), config.maxKeys());
    }

    private Schema resultSchema(ExprCompiler c, List<NamedExpr> keys, List<NamedExpr> aggs) {
        List<Column> cols = new ArrayList<>();
        for (NamedExpr k : keys) {
            cols.add(new Column(k.name(), c.typeOf(k.expr())));
        }
        for (NamedExpr a : aggs) {
            cols.add(new Column(a.name(), new org.intstream.query.check.ExprTyper(c.schema(), Map.of(), functions, true)
                    .type(a.expr())));
        }
        return Schema.of(cols);
    }

    /**
     * A reduce's terminal: key codec, one column per distinct aggregate call, and for aggregate expressions
     * over several calls an evaluator over [keys..., call results...].
     */
    /**
     * A sketched reduce can't list its keys, so it reports the keys whose estimate crosses the threshold of
     * the filter that must follow it ({@code | filter bytes > threshold}): the switch's two-phase form.
     */
    private Supplier<WindowTerminal> thresholdReport(ExprCompiler c, List<NamedExpr> keys, List<NamedExpr> aggs,
            AggregateNode node, DistinctNode distinct, LogicalPlan next) {
        if (distinct != null) {
            throw new QueryException(node.position(), "a sketched reduce counts records: drop the distinct before it");
        }
        if (aggs.size() != 1) {
            throw new QueryException(node.position(), "a sketched reduce estimates one value, not " + aggs.size());
        }
        String name = aggs.get(0).name();
        String hint = "a sketched reduce reports the keys that cross a threshold: follow it with '| filter " + name
                + " > <number>'";
        if (!(next instanceof FilterNode) || !(((FilterNode) next).condition() instanceof BinaryExpr)) {
            throw new QueryException(node.position(), hint);
        }
        BinaryExpr cond = (BinaryExpr) ((FilterNode) next).condition();
        boolean strict = cond.operator() == BinaryOperator.GT;
        if (!(strict || cond.operator() == BinaryOperator.GE) || !(cond.left() instanceof FieldRef)
                || !((FieldRef) cond.left()).name().equals(name)) {
            throw new QueryException(next.position(), hint);
        }
        Object t = ExprCompiler.constant(cond.right(), functions);
        if (!(t instanceof Long)) {
            throw new QueryException(cond.right().position(), "the threshold must be an integer, not " + t);
        }
        return SketchFactory.thresholdReport(c, keys, aggs.get(0), node.approx(), (Long) t, strict, functions,
                sketchHashes);
    }

    /** True when the condition reads no column but the aggregates' (it can be decided before the keys are unpacked). */
    private static boolean readsOnly(Expr condition, List<NamedExpr> aggs) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (NamedExpr a : aggs) {
            names.add(a.name());
        }
        boolean[] other = {false};
        ExprRewriter.rewrite(condition, x -> {
            if (x instanceof FieldRef && !names.contains(((FieldRef) x).name())) {
                other[0] = true;
            } else if (x instanceof org.intstream.query.expr.SubqueryExpr) {
                other[0] = true;
            }
            return x;
        });
        return !other[0];
    }

    /**
     * @param having a filter right after the reduce that reads only aggregate columns, run by the terminal
     *     before it unpacks a group's key; null when none
     */
    private Supplier<WindowTerminal> aggregateTerminal(ExprCompiler c, List<NamedExpr> keys, List<NamedExpr> aggs,
            Supplier<DistinctFilter> distinctFilter, Evaluator having, ConnectionMemoWords memo) {
        List<Expr> keyExprs = new ArrayList<>();
        for (NamedExpr k : keys) {
            keyExprs.add(k.expr());
        }
        List<CallExpr> calls = new ArrayList<>();
        List<Expr> rewritten = new ArrayList<>();
        for (NamedExpr a : aggs) {
            rewritten.add(ExprRewriter.rewrite(a.expr(), x -> {
                if (x instanceof CallExpr && functions.isAggregate(((CallExpr) x).function())) {
                    int idx = calls.indexOf(x);
                    if (idx < 0) {
                        calls.add((CallExpr) x);
                        idx = calls.size() - 1;
                    }
                    return new FieldRef("$call" + idx, x.position());
                }
                return x;
            }));
        }
        List<Column> hidden = new ArrayList<>();
        for (NamedExpr k : keys) {
            hidden.add(new Column("$key" + hidden.size(), c.typeOf(k.expr())));
        }
        for (int k = 0; k < calls.size(); k++) {
            hidden.add(new Column("$call" + k, new org.intstream.query.check.ExprTyper(c.schema(), Map.of(), functions,
                    true).type(calls.get(k))));
        }
        ExprCompiler hiddenCompiler = new ExprCompiler(Schema.of(hidden), functions);
        Evaluator[] finals = new Evaluator[aggs.size()];
        int[] direct = new int[aggs.size()];
        for (int a = 0; a < aggs.size(); a++) {
            Expr r = rewritten.get(a);
            if (r instanceof FieldRef && ((FieldRef) r).name().startsWith("$call")) {
                direct[a] = Integer.parseInt(((FieldRef) r).name().substring(5));
            } else {
                finals[a] = hiddenCompiler.compile(r);
            }
        }
        // count_distinct's pairs are per connection when its arguments are and so is the group they join
        ConnectionMemoWords pairMemo = memo != null && ConnectionMemoWords.perConnection(keyExprs) ? memo : null;
        List<Supplier<AggColumn>> columnFactories = new ArrayList<>();
        for (CallExpr call : calls) {
            columnFactories.add(aggColumn(c, call, pairMemo));
        }
        AggColumn[] fresh = new AggColumn[columnFactories.size()];
        for (int k = 0; k < fresh.length; k++) {
            fresh[k] = columnFactories.get(k).get();
        }
        // The groups need no memo word after a distinct (a group is looked up for a tuple's first record only,
        // which the connection's memo can't hold yet) nor when records that change nothing skip the table
        // (tcp_retransmission's: the few retransmissions only).
        boolean rarelyLookedUp = distinctFilter != null
                || AggregateTerminal.skipsUnchanging(fresh, finals, direct, keys.size(), having);
        KeyCodec keyCodec = codec(c, keyExprs, memo == null || rarelyLookedUp ? -1 : memo.wordFor(keyExprs));
        String[] names = new String[aggs.size()];
        for (int a = 0; a < names.length; a++) {
            names[a] = aggs.get(a).name();
        }
        AggregateTerminal.Weight weight = aggs.size() == 1 && finals[0] == null ? sketchWeight(c, calls.get(0)) : null;
        return () -> {
            AggColumn[] cols = new AggColumn[columnFactories.size()];
            for (int k = 0; k < cols.length; k++) {
                cols[k] = columnFactories.get(k).get();
            }
            DistinctFilter d = distinctFilter == null ? null : distinctFilter.get();
            return new AggregateTerminal(d, new KeyTable(keyCodec, 1024, config.maxKeys()), cols, finals, direct,
                    keys.size(), names, weight, having);
        };
    }

    /**
     * The weight a record adds to a single count or sum, for the reduce's sketch form; null for aggregates that
     * have none (min, collect, …).
     */
    private static AggregateTerminal.Weight sketchWeight(ExprCompiler c, CallExpr call) {
        switch (call.function()) {
            case "count":
                if (call.arguments().isEmpty()) {
                    return r -> 1;
                }
                return null;
            case "countif": {
                Evaluator cond = c.compile(call.arguments().get(0));
                return r -> cond.test(r) == Evaluator.TRUE ? 1 : -1;
            }
            case "sum": {
                Evaluator v = c.compile(call.arguments().get(0));
                if (!v.type().equals(Type.INT)) {
                    return null;
                }
                return r -> {
                    r.absent = false;
                    long x = v.evalLong(r);
                    boolean absent = r.absent;
                    r.absent = false;
                    return absent || x < 0 ? -1 : x;
                };
            }
            default:
                return null;
        }
    }

    private Supplier<AggColumn> aggColumn(ExprCompiler c, CallExpr call, ConnectionMemoWords memo) {
        List<Expr> args = call.arguments();
        Evaluator[] evs = new Evaluator[args.size()];
        for (int k = 0; k < evs.length; k++) {
            evs[k] = c.compile(args.get(k));
        }
        Type argType = evs.length > 0 ? evs[0].type() : null;
        boolean longLike = argType != null && (argType.equals(Type.INT) || argType.equals(Type.DURATION)
                || argType.equals(Type.TIMESTAMP));
        switch (call.function()) {
            case "count":
                return evs.length == 0 ? () -> new CountColumn(CountColumn.Mode.ALL, null)
                        : () -> new CountColumn(CountColumn.Mode.PRESENT, evs[0]);
            case "countif":
                return () -> new CountColumn(CountColumn.Mode.TRUE, evs[0]);
            case "sum":
                return longLike ? () -> new LongSumColumn(evs[0]) : () -> new DoubleSumColumn(evs[0], false);
            case "avg":
                return () -> new DoubleSumColumn(evs[0], true);
            case "min":
            case "max":
                if (longLike) {
                    boolean max = "max".equals(call.function());
                    return () -> new LongExtremeColumn(evs[0], max);
                }
                break;
            case "collect":
                if (longLike) {
                    return () -> new LongCollectColumn(evs[0]);
                }
                break;
            case "count_distinct": {
                int[] bits = new int[args.size()];
                for (int k = 0; k < bits.length; k++) {
                    bits[k] = valueBits(c, args.get(k));
                }
                int word = memo == null ? -1 : memo.wordFor(args);
                return () -> new DistinctCountColumn(evs, bits, config.maxKeys(), word);
            }
            default:
                break;
        }
        AggregateFunction f = functions.aggregate(call.function());
        return () -> new GenericColumn(f, evs);
    }

    /** A relational operator and the schema it produces. */
    private static final class RelationStep {
        final RelationOperator operator;
        final Schema schema;

        RelationStep(RelationOperator operator, Schema schema) {
            this.operator = operator;
            this.schema = schema;
        }
    }

    private RelationStep relationStep(LogicalPlan node, ExprCompiler rows) {
        Schema in = rows.schema();
        if (node instanceof FilterNode) {
            return new RelationStep(new FilterRows(rows.compile(((FilterNode) node).condition())), in);
        }
        if (node instanceof ProjectNode) {
            Map<String, Expr> cols = new LinkedHashMap<>();
            for (NamedExpr c : ((ProjectNode) node).columns()) {
                cols.put(c.name(), c.expr());
            }
            return new RelationStep(new ProjectRows(evaluators(rows, cols)), schemaOf(rows, cols));
        }
        if (node instanceof AggregateNode) {
            AggregateNode a = (AggregateNode) node;
            if (!a.approx().isEmpty()) {
                throw new QueryException(a.position(), "a sketched reduce reads records, not another reduce's rows");
            }
            Supplier<WindowTerminal> t = aggregateTerminal(rows, a.keys(), a.aggregates(), null, null, null);
            return new RelationStep(new TerminalRows(t.get()), resultSchema(rows, a.keys(), a.aggregates()));
        }
        if (node instanceof DistinctNode) {
            Map<String, Expr> cols = new LinkedHashMap<>();
            for (Column c : in.columns()) {
                cols.put(c.name(), new FieldRef(c.name(), null));
            }
            return new RelationStep(new TerminalRows(rowsTerminal(rows, cols, (DistinctNode) node).get()), in);
        }
        if (node instanceof TopKNode) {
            TopKNode t = (TopKNode) node;
            Evaluator[] partition = new Evaluator[t.partitionBy().size()];
            for (int k = 0; k < partition.length; k++) {
                partition[k] = rows.compile(t.partitionBy().get(k));
            }
            long k = nonNegativeInt(t.k(), "topk's k");
            return new RelationStep(new TopKRows(k, rows.compile(t.orderBy()), t.descending(), partition), in);
        }
        if (node instanceof PercentileNode) {
            PercentileNode p = (PercentileNode) node;
            Object v = ExprCompiler.constant(p.percentile(), functions);
            double pct = ((Number) v).doubleValue();
            if (pct < 0 || pct > 100) {
                throw new QueryException(p.percentile().position(), "a percentile lies in 0..100, not " + v);
            }
            return new RelationStep(new PercentileRows(pct, rows.compile(p.value())), in);
        }
        if (node instanceof SortNode) {
            List<SortNode.Key> keys = ((SortNode) node).keys();
            Evaluator[] evs = new Evaluator[keys.size()];
            boolean[] desc = new boolean[keys.size()];
            for (int k = 0; k < evs.length; k++) {
                evs[k] = rows.compile(keys.get(k).expr());
                desc[k] = keys.get(k).descending();
            }
            return new RelationStep(new SortRows(evs, desc), in);
        }
        if (node instanceof StreamNode) {
            return new RelationStep(new StreamRows(((StreamNode) node).kind()), in);
        }
        if (node instanceof JoinNode) {
            return joinStep((JoinNode) node, in);
        }
        if (node instanceof UnionNode) {
            List<String> others = new ArrayList<>();
            for (LogicalPlan p : node.inputs().subList(1, node.inputs().size())) {
                others.add(namedOutput(p, "union"));
            }
            return new RelationStep(new UnionRows(others, lookup), in);
        }
        throw new QueryException(node.position(), describe(node) + " can't follow the window's summary here");
    }

    private static String namedOutput(LogicalPlan p, String what) {
        if (!(p instanceof ScanNode) || ((ScanNode) p).isPackets()) {
            throw new QueryException(p.position(), what + " reads the output of another query");
        }
        return ((ScanNode) p).stream();
    }

    private RelationStep joinStep(JoinNode j, Schema left) {
        String right = namedOutput(j.right(), "join");
        Schema rs = outputSchemas.apply(right);
        int[] lk = new int[j.using().size()];
        int[] rk = new int[j.using().size()];
        for (int k = 0; k < lk.length; k++) {
            lk[k] = left.indexOf(j.using().get(k));
            rk[k] = rs.indexOf(j.using().get(k));
        }
        List<Integer> kept = new ArrayList<>();
        List<Column> cols = new ArrayList<>(left.columns());
        for (int k = 0; k < rs.size(); k++) {
            Column c = rs.columns().get(k);
            if (!j.using().contains(c.name())) {
                kept.add(k);
                cols.add(c);
            }
        }
        int[] keptArr = kept.stream().mapToInt(Integer::intValue).toArray();
        Schema out = Schema.of(cols);
        Evaluator cond = j.condition() == null ? null : new ExprCompiler(out, functions).compile(j.condition());
        return new RelationStep(new JoinRows(right, lk, rk, keptArr, j.type() == JoinNode.Type.LEFT, cond, lookup),
                out);
    }
}
