package org.intstream.query.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.intstream.query.Parameter;
import org.intstream.query.QueryDefinition;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.Field;
import org.intstream.query.expr.FieldCatalog;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.ParamRef;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.expr.UnaryOperator;
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
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/**
 * Random query definitions that the DSL can express: every operator at any place of a pipeline (plans need
 * not type-check), random expressions over fields, parameters and literals of every type, and the closing
 * Rstreams the parser adds. Generated names include the DSL's operator words, which are valid identifiers.
 */
final class QueryArbitraries {
    /** Words reserved everywhere: never names. */
    static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "is", "as", "by", "on", "true", "false",
            "absent");

    /** Operator words that stay usable as names. */
    static final List<String> SOFT_KEYWORDS = List.of("query", "filter", "map", "distinct", "reduce", "window",
            "tumbling", "sliding", "every", "left", "join", "using", "union", "topk", "percentile", "of", "sketch",
            "top", "per", "split", "sort", "asc", "desc", "istream", "dstream", "rstream", "present", "Filter");

    private static final List<String> PLAIN_NAMES = List.of("src", "dst", "ports", "bytes", "n", "x", "_tmp",
            "Rate2", "a_b", "packets", "threshold");

    /** Scalar and aggregate function names; ip, prefix and timestamp fold into literals over constants. */
    private static final List<String> FUNCTIONS = List.of("mask", "if", "coalesce", "seconds", "count", "sum",
            "countif", "count_distinct", "max", "collect", "ip", "prefix", "timestamp", "f", "filter", "top");

    /** The parameters of parameterized queries. */
    private static final List<String> PARAMETER_NAMES = List.of("threshold", "window", "top", "k_1");

    private static final long DURATION_LIMIT = 1_000_000_000_000_000L; // 15 digits: what Durations.parse reads

    private QueryArbitraries() {
    }

    static Arbitrary<String> idents() {
        Arbitrary<String> random = Combinators.combine(
                Arbitraries.chars().range('a', 'z').with('_', 'Q'),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_').ofMaxLength(7))
                .as((first, rest) -> first + rest)
                .filter(s -> !RESERVED.contains(s.toLowerCase(Locale.ROOT)));
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(PLAIN_NAMES)),
                Tuple.of(2, Arbitraries.of(SOFT_KEYWORDS)),
                Tuple.of(2, random));
    }

    static Arbitrary<String> qualifiedNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, idents()),
                Tuple.of(1, idents().list().ofMinSize(2).ofMaxSize(3).map(parts -> String.join(".", parts))));
    }

    /** Field and column names: catalogue fields, identifiers and dotted names, none a parameter's name. */
    static Arbitrary<String> fieldNames(Set<String> params) {
        Arbitrary<String> catalog = Arbitraries.of(FieldCatalog.all()).map(Field::name);
        return Arbitraries.frequencyOf(Tuple.of(2, catalog), Tuple.of(2, qualifiedNames()))
                .filter(n -> !params.contains(n));
    }

    // ---- literals -------------------------------------------------------------------------------------

    static Arbitrary<Literal> literals() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().map(Literal::ofInt)),
                Tuple.of(2, floats().map(Literal::ofFloat)),
                Tuple.of(1, Arbitraries.of(true, false).map(Literal::ofBool)),
                Tuple.of(2, strings().map(Literal::ofString)),
                Tuple.of(2, durations().map(Literal::ofDuration)),
                Tuple.of(2, addresses().map(Literal::ofIp)),
                Tuple.of(2, prefixes().map(Literal::ofPrefix)),
                Tuple.of(1, Arbitraries.longs().map(v -> new Literal(v, Type.TIMESTAMP, null))));
    }

    static Arbitrary<Double> floats() {
        Arbitrary<Double> anyBits = Arbitraries.longs().map(Double::longBitsToDouble)
                .filter(d -> !d.isNaN() && !d.isInfinite());
        return Arbitraries.oneOf(Arbitraries.doubles(), anyBits, Arbitraries.of(0.0, -0.0, 1e300, 4.9e-324, -2.5));
    }

    /** Strings with quotes, backslashes, line breaks, '#', '|' and any other character. */
    static Arbitrary<String> strings() {
        Arbitrary<String> tricky = Arbitraries.strings().withChars("\"'\\\n\r\t #|{};").withCharRange('a', 'e')
                .ofMaxLength(8);
        return Arbitraries.oneOf(tricky, Arbitraries.strings().all().ofMaxLength(6));
    }

    static Arbitrary<Long> durations() {
        Arbitrary<Long> units = Arbitraries.of(1L, 1_000L, 1_000_000L, 60_000_000L, 3_600_000_000L);
        Arbitrary<Long> whole = Combinators.combine(Arbitraries.longs().between(-100_000, 100_000), units)
                .as((n, unit) -> n * unit);
        return Arbitraries.oneOf(whole, Arbitraries.longs().between(-DURATION_LIMIT + 1, DURATION_LIMIT - 1));
    }

    static Arbitrary<IpAddress> addresses() {
        Arbitrary<IpAddress> v4 = Arbitraries.integers().map(IpAddress::v4);
        Arbitrary<IpAddress> v6 = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(IpAddress::v6);
        Arbitrary<IpAddress> sparseV6 = Combinators.combine(Arbitraries.of(0L, 0xfe80L << 48, 0x20010db8L << 32),
                Arbitraries.of(0L, 1L, 0xffff_0a00_0001L, 0x0001_0000_0000_0000L)).as(IpAddress::v6);
        return Arbitraries.oneOf(v4, v6, sparseV6);
    }

    static Arbitrary<IpPrefix> prefixes() {
        return addresses().flatMap(a -> Arbitraries.integers().between(0, a.isV4() ? 32 : 128)
                .map(len -> IpPrefix.of(a, len)));
    }

    // ---- expressions --------------------------------------------------------------------------------

    static Arbitrary<Expr> exprs(Set<String> params, int depth) {
        List<Tuple.Tuple2<Integer, Arbitrary<? extends Expr>>> leaves = new ArrayList<>();
        leaves.add(Tuple.of(3, literals()));
        leaves.add(Tuple.of(3, fieldNames(params).map(FieldRef::of)));
        if (!params.isEmpty()) {
            leaves.add(Tuple.of(2, Arbitraries.of(params).map(ParamRef::of)));
        }
        @SuppressWarnings("unchecked")
        Arbitrary<Expr> leaf = Arbitraries.frequencyOf(leaves.toArray(new Tuple.Tuple2[0]));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Expr> sub = Arbitraries.lazy(() -> exprs(params, depth - 1));
        Arbitrary<Expr> binary = Combinators.combine(Arbitraries.of(BinaryOperator.class), sub, sub)
                .as(BinaryExpr::of);
        Arbitrary<Expr> unary = Combinators.combine(Arbitraries.of(UnaryOperator.class), sub)
                .as((op, e) -> new UnaryExpr(op, e, null));
        return Arbitraries.frequencyOf(
                Tuple.of(2, leaf),
                Tuple.of(4, binary),
                Tuple.of(2, unary),
                Tuple.of(1, calls(sub)));
    }

    static Arbitrary<Expr> calls(Arbitrary<Expr> arguments) {
        return Combinators.combine(Arbitraries.of(FUNCTIONS), arguments.list().ofMaxSize(3))
                .as((f, args) -> (Expr) new CallExpr(f, args, null))
                .filter(c -> !foldsIntoLiteral((CallExpr) c));
    }

    /** The parser reads {@code ip("…")}, {@code prefix("…")} and {@code timestamp(n)} as literals. */
    static boolean foldsIntoLiteral(CallExpr c) {
        if (c.arguments().size() != 1 || !(c.arguments().get(0) instanceof Literal)) {
            return false;
        }
        Object v = ((Literal) c.arguments().get(0)).value();
        switch (c.function()) {
            case "ip":
            case "prefix":
                return v instanceof String;
            case "timestamp":
                return v instanceof Long;
            default:
                return false;
        }
    }

    /** Output columns; with {@code aggregates}, a call may be named after its function as reduce allows. */
    static Arbitrary<NamedExpr> columns(Set<String> params, boolean aggregates) {
        Arbitrary<NamedExpr> byFieldName = fieldNames(params).map(n -> NamedExpr.of(n, FieldRef.of(n)));
        Arbitrary<NamedExpr> explicit = Combinators.combine(idents(), exprs(params, 2)).as(NamedExpr::of);
        if (!aggregates) {
            return Arbitraries.frequencyOf(Tuple.of(1, byFieldName), Tuple.of(2, explicit));
        }
        Arbitrary<NamedExpr> byFunction = calls(exprs(params, 1))
                .map(c -> NamedExpr.of(((CallExpr) c).function(), c));
        return Arbitraries.frequencyOf(Tuple.of(1, byFieldName), Tuple.of(2, explicit), Tuple.of(2, byFunction));
    }

    static Arbitrary<List<NamedExpr>> columnLists(Set<String> params, boolean aggregates, int min, int max) {
        return columns(params, aggregates).list().ofMinSize(min).ofMaxSize(max).uniqueElements(NamedExpr::name);
    }

    static Arbitrary<ApproxSpec> approxSpecs(Set<String> params) {
        Arbitrary<Map<String, Expr>> args = Combinators.combine(idents(), exprs(params, 1)).as(Tuple::of)
                .list().ofMaxSize(3).uniqueElements(Tuple.Tuple2::get1)
                .map(list -> {
                    Map<String, Expr> m = new LinkedHashMap<>();
                    list.forEach(t -> m.put(t.get1(), t.get2()));
                    return m;
                });
        Arbitrary<String> kinds = Arbitraries.oneOf(Arbitraries.of("countmin", "bloom", "CountMin"), idents());
        return Combinators.combine(kinds, args).as((k, a) -> new ApproxSpec(k, a, null));
    }

    static Arbitrary<ScanNode> sources() {
        return Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(ScanNode.PACKETS)), Tuple.of(2, qualifiedNames())),
                idents().injectNull(0.7))
                .as((stream, binding) -> new ScanNode(stream, binding, null));
    }

    // ---- operators ----------------------------------------------------------------------------------

    /** One operator of a pipeline, as the function that puts it over its input. */
    static Arbitrary<Function<LogicalPlan, LogicalPlan>> operators(Set<String> params) {
        Arbitrary<Expr> e = exprs(params, 3);
        Arbitrary<Expr> small = exprs(params, 1);
        Arbitrary<Function<LogicalPlan, LogicalPlan>> filter = e.map(c -> in -> new FilterNode(in, c, null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> map = columnLists(params, false, 1, 3)
                .map(cols -> in -> new ProjectNode(in, cols, null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> distinct = approxSpecs(params).injectNull(0.6)
                .map(a -> in -> new DistinctNode(in, a, null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> reduce = Combinators.combine(
                columnLists(params, true, 1, 3), columnLists(params, false, 0, 3),
                approxSpecs(params).list().ofMaxSize(2))
                .as((aggs, keys, approx) -> in -> new AggregateNode(in, keys, aggs, approx, null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> tumbling = small
                .map(size -> in -> new WindowNode(in, WindowSpec.tumbling(size, null), null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> sliding = Combinators.combine(small, small)
                .as((size, slide) -> in -> new WindowNode(in, WindowSpec.sliding(size, slide, null), null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> join = Combinators.combine(sources(),
                Arbitraries.of(JoinNode.Type.INNER, JoinNode.Type.LEFT), idents().list().ofMaxSize(3), small.injectNull(0.5))
                .filter((s, type, using, on) -> !using.isEmpty() || on != null)
                .as((s, type, using, on) -> in -> new JoinNode(in, s, type, using, on, null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> union = sources().list().ofMinSize(1).ofMaxSize(3)
                .map(others -> in -> {
                    List<LogicalPlan> inputs = new ArrayList<>();
                    inputs.add(in);
                    inputs.addAll(others);
                    return new UnionNode(inputs, null);
                });
        Arbitrary<Function<LogicalPlan, LogicalPlan>> topk = Combinators.combine(small, e, Arbitraries.of(true, false),
                small.list().ofMaxSize(2))
                .as((k, by, desc, per) -> in -> new TopKNode(in, k, by, desc, per, null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> percentile = Combinators.combine(small, e)
                .as((p, v) -> in -> new PercentileNode(in, p, v, null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> sketch = Combinators.combine(
                columnLists(params, true, 1, 1), columnLists(params, false, 1, 3), approxSpecs(params),
                small.injectNull(0.5))
                .filter((value, keys, spec, top) -> keys.stream().noneMatch(k -> k.name().equals(value.get(0).name())))
                .as((value, keys, spec, top) -> in -> new SketchNode(in, value.get(0), keys, spec, top, null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> sort = Combinators.combine(e, Arbitraries.of(true, false))
                .as(SortNode.Key::new).list().ofMinSize(1).ofMaxSize(3)
                .map(keys -> in -> new SortNode(in, keys, null));
        Arbitrary<Function<LogicalPlan, LogicalPlan>> stream = Arbitraries.of(StreamNode.Kind.class)
                .map(kind -> in -> new StreamNode(in, kind, null));
        return Arbitraries.frequencyOf(
                Tuple.of(4, filter), Tuple.of(3, map), Tuple.of(2, distinct), Tuple.of(3, reduce),
                Tuple.of(3, tumbling), Tuple.of(1, sliding), Tuple.of(1, join), Tuple.of(1, union), Tuple.of(1, topk),
                Tuple.of(1, percentile), Tuple.of(1, sketch), Tuple.of(1, sort), Tuple.of(2, stream));
    }

    /**
     * A split over its input: named branches of operators over the branch input, each closed by an Rstream
     * when it ends as a relation, judged as the parser does with the split's input in place of the branch
     * input. With {@code nesting} left, a branch may itself end in a split, as the grammar allows.
     */
    static Arbitrary<Function<LogicalPlan, LogicalPlan>> splits(Set<String> params, int nesting) {
        Arbitrary<Function<LogicalPlan, LogicalPlan>> innerSplit = nesting == 0 ? Arbitraries.just(null)
                : Arbitraries.lazy(() -> splits(params, nesting - 1)).injectNull(0.85);
        Arbitrary<Branch> branch = Combinators.combine(idents(), operators(params).list().ofMinSize(1).ofMaxSize(3),
                innerSplit).as(Branch::new);
        return branch.list().ofMinSize(2).ofMaxSize(3).uniqueElements(Branch::name)
                .map(branches -> in -> {
                    List<SplitNode.Branch> built = new ArrayList<>();
                    for (Branch b : branches) {
                        LogicalPlan plan = new BranchInputNode(null);
                        for (Function<LogicalPlan, LogicalPlan> op : b.operators()) {
                            plan = op.apply(plan);
                        }
                        if (b.split() != null) {
                            plan = b.split().apply(plan);
                        }
                        if (PlanKinds.isRelation(PlanKinds.replaceBranchInput(plan, in))) {
                            plan = new StreamNode(plan, StreamNode.Kind.RSTREAM, null);
                        }
                        built.add(new SplitNode.Branch(b.name(), plan));
                    }
                    return new SplitNode(in, built, null);
                });
    }

    private record Branch(String name, List<Function<LogicalPlan, LogicalPlan>> operators,
            Function<LogicalPlan, LogicalPlan> split) {
    }

    /** A pipeline from a source, closed as the parser closes it: an Rstream over a final relation. */
    static Arbitrary<LogicalPlan> pipelines(Set<String> params) {
        return Combinators.combine(sources(),
                operators(params).list().ofMaxSize(8).withSizeDistribution(RandomDistribution.uniform()),
                splits(params, 1).injectNull(0.8))
                .as((source, ops, split) -> {
                    LogicalPlan plan = source;
                    for (Function<LogicalPlan, LogicalPlan> op : ops) {
                        plan = op.apply(plan);
                    }
                    if (split != null) {
                        return split.apply(plan);
                    }
                    return PlanKinds.isRelation(plan) ? new StreamNode(plan, StreamNode.Kind.RSTREAM, null) : plan;
                });
    }

    /** The comment above a query: none, or lines of any text, line breaks of every kind among them. */
    static Arbitrary<String> descriptions() {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("")), Tuple.of(1, strings()),
                Tuple.of(1, Arbitraries.strings().withChars("\r\n #|").withCharRange('a', 'c').ofMaxLength(20)));
    }

    /**
     * Queries without parameters, and queries with parameters of fixed names (operator words among them) and
     * random defaults. Fixed names let the generators be built once rather than once per query.
     */
    static Arbitrary<QueryDefinition> queries() {
        Arbitrary<QueryDefinition> plain = Combinators.combine(idents(), pipelines(Set.of()), descriptions())
                .as((name, plan, description) -> new QueryDefinition(name, List.of(), plan, description));
        Set<String> pool = new LinkedHashSet<>(PARAMETER_NAMES);
        Arbitrary<QueryDefinition> parameterized = Combinators.combine(idents(),
                literals().list().ofSize(pool.size()), pipelines(pool), descriptions())
                .as((name, defaults, plan, description) -> {
                    List<Parameter> params = new ArrayList<>();
                    for (String p : pool) {
                        params.add(Parameter.of(p, defaults.get(params.size())));
                    }
                    return new QueryDefinition(name, params, plan, description);
                });
        return Arbitraries.oneOf(plain, parameterized);
    }
}
