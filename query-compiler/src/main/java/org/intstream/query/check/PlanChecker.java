package org.intstream.query.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.intstream.query.Parameter;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.AggregateNode;
import org.intstream.query.plan.ApproxSpec;
import org.intstream.query.plan.BranchInputNode;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.DistinctNode;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.JoinNode;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.NamedExpr;
import org.intstream.query.plan.PercentileNode;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.PlanVisitor;
import org.intstream.query.plan.ProbeColumns;
import org.intstream.query.plan.ProbeSpec;
import org.intstream.query.plan.ProjectNode;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.Schema;
import org.intstream.query.plan.SketchNode;
import org.intstream.query.plan.SketchColumns;
import org.intstream.query.plan.SortNode;
import org.intstream.query.plan.SplitNode;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.plan.TopKNode;
import org.intstream.query.plan.UnionNode;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;
import org.intstream.query.type.Durations;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/**
 * Checks a query before it runs and works out the columns of every output: names resolve, types fit,
 * windowed operators have a window, sketches have the arguments they need. Every failure is a
 * {@link QueryException} at the offending place.
 */
public final class PlanChecker {

    /** Looks up the output columns of the queries another query may read. */
    public interface StreamCatalog {
        /** The columns of a query output ({@code name} or {@code name.branch}), or null when unknown. */
        Schema outputSchema(String name);

        /** Names known, for did-you-mean. */
        Set<String> outputNames();
    }

    /** A catalogue that knows no queries: only {@code packets} can be read. */
    public static final StreamCatalog NO_QUERIES = new StreamCatalog() {
        @Override
        public Schema outputSchema(String name) {
            return null;
        }

        @Override
        public Set<String> outputNames() {
            return Set.of();
        }
    };

    /** Sketch kinds and the arguments each needs. */
    private static final Map<String, List<String>> SKETCH_ARGUMENTS = Map.of(
            "countmin", List.of("rows", "width"),
            "bloom", List.of("bits", "hashes"));

    private final FunctionRegistry functions;
    private final StreamCatalog catalog;

    public PlanChecker(FunctionRegistry functions, StreamCatalog catalog) {
        this.functions = functions;
        this.catalog = catalog;
    }

    /** The columns of each of the query's outputs, in output order. */
    public Map<String, Schema> check(QueryDefinition q) {
        Map<String, Type> params = new HashMap<>();
        for (Parameter p : q.parameters()) {
            params.put(p.name(), p.type());
        }
        Map<LogicalPlan, LogicalPlan> parents = parents(q.plan());
        Checker checker = new Checker(params, parents, null, null);
        Map<String, Schema> outputs = new LinkedHashMap<>();
        if (q.plan() instanceof SplitNode) {
            SplitNode split = (SplitNode) q.plan();
            Schema in = checker.schema(split.input());
            for (SplitNode.Branch b : split.branches()) {
                Schema s = new Checker(params, parents, split.input(), in).schema(b.plan());
                outputs.put(q.name() + "." + b.name(), s);
            }
        } else {
            outputs.put(q.name(), checker.schema(q.plan()));
        }
        for (Schema s : outputs.values()) {
            for (Column c : s.columns()) {
                if (params.containsKey(c.name())) {
                    throw new QueryException(q.parameter(c.name()).position(), "parameter '" + c.name()
                            + "' has the name of an output column; rename one of them");
                }
            }
        }
        return outputs;
    }

    /** Each node of the plan (split branches included) mapped to the node that reads it. */
    private static Map<LogicalPlan, LogicalPlan> parents(LogicalPlan root) {
        Map<LogicalPlan, LogicalPlan> parents = new IdentityHashMap<>();
        for (LogicalPlan node : PlanKinds.postOrder(root)) {
            for (LogicalPlan in : node.inputs()) {
                parents.put(in, node);
            }
        }
        return parents;
    }

    /** The type of an expression over a schema (scalar context). */
    public Type typeOf(Expr e, Schema schema, Map<String, Type> params) {
        return new ExprTyper(schema, params, functions, false).type(e);
    }

    /** Checks one node at a time, keeping its result schema. */
    private final class Checker implements PlanVisitor<Schema> {
        private final Map<String, Type> params;
        private final Map<LogicalPlan, LogicalPlan> parents;
        private final LogicalPlan branchInputPlan;
        private final Schema branchInput;

        /** Inside a split branch, {@code branchInputPlan} is the split's input and its schema. */
        Checker(Map<String, Type> params, Map<LogicalPlan, LogicalPlan> parents, LogicalPlan branchInputPlan,
                Schema branchInput) {
            this.params = params;
            this.parents = parents;
            this.branchInputPlan = branchInputPlan;
            this.branchInput = branchInput;
        }

        private boolean isRelation(LogicalPlan plan) {
            return PlanKinds.isRelation(branchInputPlan == null ? plan
                    : PlanKinds.replaceBranchInput(plan, branchInputPlan));
        }

        Schema schema(LogicalPlan plan) {
            return plan.accept(this);
        }

        private Type scalar(Expr e, Schema s) {
            return new ExprTyper(s, params, functions, false).type(e);
        }

        private void requireType(Expr e, Schema s, String what, Type... allowed) {
            Type t = scalar(e, s);
            for (Type a : allowed) {
                if (a.equals(t)) {
                    return;
                }
            }
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < allowed.length; i++) {
                names.append(i == 0 ? "" : " or ").append(allowed[i]);
            }
            throw new QueryException(e.position(), what + " must be " + names + ", not " + t);
        }

        private void requireRelation(LogicalPlan node, String operator) {
            if (!isRelation(node.input())) {
                throw new QueryException(node.position(), operator
                        + " works per window: add '| window tumbling 10s' (or sliding) before it");
            }
        }

        @Override
        public Schema visitScan(ScanNode node) {
            if (node.isPackets()) {
                return Schema.packets();
            }
            if (node.isProbe()) {
                checkProbe(node.probe());
                return ProbeColumns.schema();
            }
            if (node.binding() != null) {
                throw new QueryException(node.position(), "only packets can be bound to a named source ('@"
                        + node.binding() + "')");
            }
            Schema s = catalog.outputSchema(node.stream());
            if (s == null) {
                Set<String> names = new TreeSet<>(catalog.outputNames());
                names.add(ScanNode.PACKETS);
                throw new QueryException(node.position(), "unknown stream '" + node.stream()
                        + "': read packets or the output of a query defined before this one"
                        + Suggestions.didYouMean(node.stream(), names));
            }
            return s;
        }

        @Override
        public Schema visitBranchInput(BranchInputNode node) {
            if (branchInput == null) {
                throw new QueryException(node.position(), "a branch input outside a split");
            }
            return branchInput;
        }

        @Override
        public Schema visitWindow(WindowNode node) {
            Schema in = schema(node.input());
            if (isRelation(node.input())) {
                WindowNode first = earlierWindow(node.input());
                throw new QueryException(node.position(), "a second window: the input is already windowed"
                        + (first != null && first.position().isKnown() ? " (at " + first.position() + ")" : "")
                        + "; a query has one window, so window this query's output in another query that reads it");
            }
            WindowSpec w = node.spec();
            if (w.kind() == WindowSpec.Kind.ROWS) {
                requireType(w.size(), in, "the row count of a window", Type.INT);
            } else if (w.size() != null) {
                requireType(w.size(), in, "the window size", Type.DURATION);
                requirePositive(w.size(), "the window size");
            }
            if (w.slide() != null) {
                requireType(w.slide(), in, "the window slide", Type.DURATION);
                requirePositive(w.slide(), "the window slide");
                Long size = constant(w.size());
                Long slide = constant(w.slide());
                if (size != null && slide != null && slide > size) {
                    throw new QueryException(w.slide().position(), "the slide (" + Durations.format(slide)
                            + ") is longer than the window (" + Durations.format(size)
                            + "): packets between windows would be counted in none");
                }
            }
            return in;
        }

        /** A probe's targets, ports, interval and bounds have the types and ranges it can run with. */
        private void checkProbe(ProbeSpec probe) {
            Schema none = Schema.of(List.of());
            String what = "probe " + probe.kind().words();
            for (ProbeSpec.Target t : probe.targets()) {
                requireType(t.address(), none, "a probe target", Type.IP, Type.PREFIX, Type.STRING);
                Object address = t.address() instanceof Literal ? ((Literal) t.address()).value() : null;
                if (address instanceof IpPrefix) {
                    IpPrefix prefix = (IpPrefix) address;
                    int hostBits = (prefix.network().isV4() ? 32 : 128) - prefix.length();
                    if (hostBits > ProbeSpec.MAX_PREFIX_HOST_BITS) {
                        throw new QueryException(t.address().position(), "a probe covers at most "
                                + (1 << ProbeSpec.MAX_PREFIX_HOST_BITS) + " addresses, and " + prefix + " has 2^"
                                + hostBits + "; probe a longer prefix");
                    }
                }
                if (t.port() == null) {
                    if (probe.kind() == ProbeSpec.Kind.RTT_TCP) {
                        throw new QueryException(t.address().position(), what + " needs a port: '"
                                + t.address() + ":22'");
                    }
                    continue;
                }
                if (probe.kind() == ProbeSpec.Kind.RTT_ICMP) {
                    throw new QueryException(t.port().position(), "ICMP has no ports: write '" + t.address()
                            + "' without ':" + t.port() + "'");
                }
                requireType(t.port(), none, "a probe port", Type.INT);
                Long port = constant(t.port());
                if (port != null && (port < 1 || port > 65535)) {
                    throw new QueryException(t.port().position(), "a port lies in 1..65535, not " + port);
                }
            }
            requireType(probe.every(), none, "a probe interval ('every')", Type.DURATION);
            requirePositive(probe.every(), "a probe interval ('every')");
            Long every = constant(probe.every());
            if (every != null && every < ProbeSpec.MIN_INTERVAL_MICROS) {
                throw new QueryException(probe.every().position(), "probes go at most every "
                        + Durations.format(ProbeSpec.MIN_INTERVAL_MICROS) + ", not every " + Durations.format(every));
            }
            if (probe.timeout() != null) {
                requireType(probe.timeout(), none, "a probe timeout", Type.DURATION);
                requirePositive(probe.timeout(), "a probe timeout");
            }
            if (probe.bytes() != null) {
                if (probe.kind() != ProbeSpec.Kind.BANDWIDTH) {
                    throw new QueryException(probe.bytes().position(), "'bytes' sets what a bandwidth probe sends; "
                            + what + " sends no data");
                }
                requireType(probe.bytes(), none, "the bytes of a bandwidth probe", Type.INT);
                Long bytes = constant(probe.bytes());
                if (bytes != null && bytes < ProbeSpec.MIN_BANDWIDTH_BYTES) {
                    throw new QueryException(probe.bytes().position(), "a bandwidth probe sends at least 64KiB, not "
                            + bytes + " bytes");
                }
            }
        }

        /** The window under a windowed plan, following first inputs (for messages). */
        private WindowNode earlierWindow(LogicalPlan plan) {
            LogicalPlan p = plan;
            while (p != null && !(p instanceof WindowNode)) {
                p = p instanceof BranchInputNode ? branchInputPlan : p.inputs().isEmpty() ? null : p.inputs().get(0);
            }
            return (WindowNode) p;
        }

        /** The value of an int or duration written as a constant, or null (a parameter, an expression). */
        private Long constant(Expr e) {
            return e instanceof Literal && ((Literal) e).value() instanceof Long ? (Long) ((Literal) e).value() : null;
        }

        private void requirePositive(Expr e, String what) {
            Long v = constant(e);
            if (v != null && v <= 0) {
                throw new QueryException(e.position(), what + " must be positive, not " + e);
            }
        }

        @Override
        public Schema visitFilter(FilterNode node) {
            Schema in = schema(node.input());
            requireType(node.condition(), in, "a filter condition", Type.BOOL);
            return in;
        }

        @Override
        public Schema visitProject(ProjectNode node) {
            Schema in = schema(node.input());
            List<Column> cols = new ArrayList<>();
            for (NamedExpr c : node.columns()) {
                cols.add(new Column(c.name(), scalar(c.expr(), in)));
            }
            return schemaAt(cols, node.position());
        }

        @Override
        public Schema visitDistinct(DistinctNode node) {
            Schema in = schema(node.input());
            requireRelation(node, "distinct");
            if (node.approx() != null) {
                checkApprox(node.approx(), in, "bloom");
            }
            return in;
        }

        @Override
        public Schema visitAggregate(AggregateNode node) {
            Schema in = schema(node.input());
            requireRelation(node, "reduce");
            List<Column> cols = new ArrayList<>();
            Map<String, NamedExpr> named = new HashMap<>();
            for (NamedExpr k : node.keys()) {
                if (ExprTyper.containsAggregate(k.expr(), functions)) {
                    throw new QueryException(k.position(), "'by' keys are computed per record, so '" + k.expr()
                            + "' can't be one: aggregates go before 'by'");
                }
                cols.add(new Column(k.name(), scalar(k.expr(), in)));
                named.put(k.name(), k);
            }
            for (NamedExpr a : node.aggregates()) {
                // Typing first reports unknown functions ("cuont()") before they look like non-aggregates.
                Type type = new ExprTyper(in, params, functions, true).type(a.expr());
                if (!ExprTyper.containsAggregate(a.expr(), functions)) {
                    throw new QueryException(a.position(), "'" + a.expr() + "' is not an aggregate: add it to 'by',"
                            + " or aggregate it (any(...), count(), sum(...))");
                }
                FieldRef loose = ExprTyper.fieldOutsideAggregate(a.expr(), functions);
                if (loose != null && !params.containsKey(loose.name())) {
                    throw new QueryException(loose.position(), "'" + loose.name() + "' is used outside an aggregate"
                            + " in '" + a.expr() + "': aggregate it too (any(" + loose.name() + "), sum("
                            + loose.name() + "), ...)");
                }
                NamedExpr key = named.put(a.name(), a);
                if (key != null) {
                    throw new QueryException(a.position(), "column '" + a.name() + "' is both a 'by' key and an "
                            + "aggregate; rename one with 'as'");
                }
                cols.add(new Column(a.name(), type));
            }
            for (ApproxSpec spec : node.approx()) {
                checkApprox(spec, in, "countmin", "bloom");
            }
            Schema out = schemaAt(cols, node.position());
            if (!node.approx().isEmpty()) {
                checkSketchedReduce(node, out);
            }
            return out;
        }

        /**
         * A sketch can't list its keys, so a sketched reduce reports the keys whose one estimate crosses the
         * threshold of the filter right after it (the switch's two-phase form).
         */
        private void checkSketchedReduce(AggregateNode node, Schema out) {
            if (node.keys().isEmpty()) {
                throw new QueryException(node.position(), "a sketched reduce needs keys ('by ...')");
            }
            if (node.aggregates().size() != 1) {
                throw new QueryException(node.aggregates().get(1).position(), "a sketched reduce estimates one "
                        + "value (count() or sum(int)), not " + node.aggregates().size());
            }
            NamedExpr a = node.aggregates().get(0);
            if (!isSketchable(a.expr())) {
                throw new QueryException(a.position(), "a count-min sketch estimates count() and sum(int) only, not "
                        + a.expr());
            }
            String hint = "a sketched reduce reports the keys that cross a threshold: follow it with '| filter "
                    + a.name() + " > <number>'";
            LogicalPlan next = parents.get(node);
            if (!(next instanceof FilterNode)) {
                throw new QueryException(node.position(), hint);
            }
            Expr cond = ((FilterNode) next).condition();
            BinaryExpr b = cond instanceof BinaryExpr ? (BinaryExpr) cond : null;
            if (b == null || (b.operator() != BinaryOperator.GT && b.operator() != BinaryOperator.GE)
                    || !(b.left() instanceof FieldRef) || !((FieldRef) b.left()).name().equals(a.name())) {
                throw new QueryException(cond.position(), hint);
            }
            requireType(b.right(), out, "the threshold of a sketched reduce", Type.INT);
        }

        private boolean isSketchable(Expr e) {
            if (!(e instanceof CallExpr)) {
                return false;
            }
            CallExpr c = (CallExpr) e;
            return "count".equals(c.function()) || "sum".equals(c.function());
        }

        private void checkApprox(ApproxSpec spec, Schema in, String... allowedKinds) {
            List<String> required = SKETCH_ARGUMENTS.get(spec.kind());
            List<String> allowed = List.of(allowedKinds);
            if (required == null || !allowed.contains(spec.kind())) {
                List<String> forms = new ArrayList<>();
                for (String k : allowedKinds) {
                    forms.add(k + "(" + String.join(", ", SKETCH_ARGUMENTS.get(k)) + ")");
                }
                throw new QueryException(spec.position(), (required == null ? "unknown sketch '" : "no sketch '")
                        + spec.kind() + "' here" + Suggestions.didYouMean(spec.kind(), allowed) + "; use "
                        + String.join(" or ", forms));
            }
            // Misspelt names first: "widht" should not be reported as a missing "width".
            for (Map.Entry<String, Expr> e : spec.arguments().entrySet()) {
                if (!required.contains(e.getKey())) {
                    throw new QueryException(e.getValue().position(), spec.kind() + "(...) has no argument '"
                            + e.getKey() + "'" + Suggestions.didYouMean(e.getKey(), required) + "; it takes "
                            + String.join(" and ", required));
                }
            }
            for (String arg : required) {
                if (spec.argument(arg) == null) {
                    throw new QueryException(spec.position(), spec.kind() + "(...) needs '" + arg + " = <int>'");
                }
            }
            for (Map.Entry<String, Expr> e : spec.arguments().entrySet()) {
                requireType(e.getValue(), in, spec.kind() + " argument '" + e.getKey() + "'", Type.INT);
                requirePositive(e.getValue(), spec.kind() + " argument '" + e.getKey() + "'");
            }
        }

        @Override
        public Schema visitJoin(JoinNode node) {
            Schema left = schema(node.left());
            Schema right = schema(node.right());
            if (!isRelation(node.left())) {
                throw new QueryException(node.position(), "join works per window: add a window before it");
            }
            List<Column> cols = new ArrayList<>(left.columns());
            for (String u : node.using()) {
                Column l = left.column(u);
                Column r = right.column(u);
                if (l == null || r == null) {
                    throw new QueryException(node.position(), "join column '" + u + "' is missing on the "
                            + (l == null ? "left (columns: " + left.names() : "right (columns: " + right.names()) + ")");
                }
                if (!l.type().equals(r.type())) {
                    throw new QueryException(node.position(), "join column '" + u + "' is " + l.type()
                            + " on the left but " + r.type() + " on the right");
                }
            }
            for (Column c : right.columns()) {
                if (node.using().contains(c.name())) {
                    continue;
                }
                if (left.column(c.name()) != null) {
                    throw new QueryException(node.position(), "both sides of the join have a column '" + c.name()
                            + "': rename it with map on one side");
                }
                cols.add(c);
            }
            Schema out = schemaAt(cols, node.position());
            if (node.condition() != null) {
                requireType(node.condition(), out, "a join condition", Type.BOOL);
            }
            return out;
        }

        @Override
        public Schema visitUnion(UnionNode node) {
            Schema first = schema(node.inputs().get(0));
            for (LogicalPlan in : node.inputs().subList(1, node.inputs().size())) {
                Schema s = schema(in);
                if (!s.equals(first)) {
                    String other = in instanceof ScanNode ? ((ScanNode) in).stream() : "the other input";
                    throw new QueryException(in.position(), "union needs inputs with the same columns (names, types"
                            + " and order): this pipeline has " + brief(first) + ", " + other + " has " + brief(s));
                }
            }
            return first;
        }

        @Override
        public Schema visitTopK(TopKNode node) {
            Schema in = schema(node.input());
            requireRelation(node, "topk");
            requireType(node.k(), in, "topk's k", Type.INT);
            Long k = constant(node.k());
            if (k != null && k < 0) {
                throw new QueryException(node.k().position(), "topk's k can't be negative (" + k + ")");
            }
            Type order = scalar(node.orderBy(), in);
            if (!order.isOrdered()) {
                throw new QueryException(node.orderBy().position(), "topk orders by a number, ip or string, not "
                        + order);
            }
            for (Expr p : node.partitionBy()) {
                scalar(p, in);
            }
            return in;
        }

        @Override
        public Schema visitPercentile(PercentileNode node) {
            Schema in = schema(node.input());
            requireRelation(node, "percentile");
            requireType(node.percentile(), in, "the percentile", Type.INT, Type.FLOAT);
            if (node.percentile() instanceof Literal) {
                double p = ((Number) ((Literal) node.percentile()).value()).doubleValue();
                if (p < 0 || p > 100) {
                    throw new QueryException(node.percentile().position(), "a percentile lies in 0..100, not "
                            + node.percentile());
                }
            }
            Type v = scalar(node.value(), in);
            if (!v.isNumeric()) {
                throw new QueryException(node.value().position(), "percentile ranks numbers, not " + v);
            }
            return in;
        }

        @Override
        public Schema visitSketch(SketchNode node) {
            Schema in = schema(node.input());
            requireRelation(node, "sketch");
            Expr v = node.value().expr();
            boolean ok = v instanceof CallExpr && ("count".equals(((CallExpr) v).function())
                    && ((CallExpr) v).arguments().isEmpty() || "sum".equals(((CallExpr) v).function()));
            if (!ok) {
                throw new QueryException(node.value().position(), "a sketch counts count() or sum(int), not " + v);
            }
            Type vt = new ExprTyper(in, params, functions, true).type(v);
            if (!vt.equals(Type.INT)) {
                throw new QueryException(node.value().position(), "a sketch sums ints, not " + vt);
            }
            for (NamedExpr k : node.keys()) {
                scalar(k.expr(), in);
            }
            checkApprox(node.sketch(), in, "countmin");
            if (node.top() != null) {
                requireType(node.top(), in, "the number of top keys", Type.INT);
            }
            return SketchColumns.schema(node.value().name());
        }

        @Override
        public Schema visitSplit(SplitNode node) {
            throw new QueryException(node.position(), "split must be the last operator of a query");
        }

        @Override
        public Schema visitStream(StreamNode node) {
            Schema in = schema(node.input());
            requireRelation(node, node.kind().name().toLowerCase());
            return in;
        }

        @Override
        public Schema visitSort(SortNode node) {
            Schema in = schema(node.input());
            requireRelation(node, "sort");
            for (SortNode.Key k : node.keys()) {
                Type t = scalar(k.expr(), in);
                if (!t.isOrdered() && !t.equals(Type.BOOL)) {
                    throw new QueryException(k.expr().position(), "can't sort by " + t);
                }
            }
            return in;
        }
    }

    /** A schema for a message: all its columns when few, else the first ones and the count. */
    private static String brief(Schema s) {
        List<Column> cols = s.columns();
        if (cols.size() <= 8) {
            return cols.toString();
        }
        List<String> head = new ArrayList<>();
        for (Column c : cols.subList(0, 6)) {
            head.add(c.toString());
        }
        return "[" + String.join(", ", head) + ", … (" + cols.size() + " columns)]";
    }

    private static Schema schemaAt(List<Column> cols, SourcePosition position) {
        try {
            return Schema.of(cols);
        } catch (IllegalArgumentException e) {
            throw new QueryException(position, e.getMessage());
        }
    }
}
