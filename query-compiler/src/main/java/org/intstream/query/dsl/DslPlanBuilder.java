package org.intstream.query.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
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
import org.intstream.query.plan.ProbeSpec;
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
import org.intstream.query.type.Durations;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/**
 * Builds query definitions from the DSL's parse tree: one logical plan node per operator, names resolved to
 * parameters or fields, constants folded ({@code -5}, {@code ip("fe80::1")}), and an Rstream appended where a
 * pipeline ends as a relation.
 */
final class DslPlanBuilder {
    private final BufferedTokenStream tokens;
    private Set<String> parameterNames = new TreeSet<>();

    DslPlanBuilder(BufferedTokenStream tokens) {
        this.tokens = tokens;
    }

    static SourcePosition pos(ParserRuleContext ctx) {
        return pos(ctx.getStart());
    }

    static SourcePosition pos(Token t) {
        return new SourcePosition(t.getLine(), t.getCharPositionInLine() + 1);
    }

    List<QueryDefinition> program(IntStreamDslParser.ProgramContext ctx) {
        List<QueryDefinition> queries = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (IntStreamDslParser.QueryContext q : ctx.query()) {
            QueryDefinition def = query(q);
            if (!names.add(def.name())) {
                throw new QueryException(pos(q.name), "query '" + def.name() + "' is defined twice");
            }
            queries.add(def);
        }
        return queries;
    }

    QueryDefinition query(IntStreamDslParser.QueryContext ctx) {
        String name = ctx.name.getText();
        List<Parameter> params = new ArrayList<>();
        parameterNames = new TreeSet<>();
        if (ctx.paramList() != null) {
            for (IntStreamDslParser.ParamContext p : ctx.paramList().param()) {
                String pname = p.ident().getText();
                if (!parameterNames.add(pname)) {
                    throw new QueryException(pos(p), "parameter '" + pname + "' is declared twice");
                }
                Expr value = expr(p.expr());
                if (!(value instanceof Literal)) {
                    throw new QueryException(pos(p.expr()), "the default value of parameter '" + pname
                            + "' must be a constant (a number, duration, address, string or boolean), not " + value);
                }
                params.add(new Parameter(pname, (Literal) value, pos(p)));
            }
        }
        LogicalPlan plan = pipeline(ctx.pipeline());
        return new QueryDefinition(name, params, plan, description(ctx.getStart()));
    }

    /** The comment lines right above the query keyword, without their '#'. */
    private String description(Token queryToken) {
        List<Token> hidden = tokens.getHiddenTokensToLeft(queryToken.getTokenIndex());
        if (hidden == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Token t : hidden) {
            if (t.getType() == IntStreamDslLexer.COMMENT) {
                String line = t.getText().substring(1);
                sb.append(line.startsWith(" ") ? line.substring(1) : line).append('\n');
            } else if (t.getText().chars().filter(c -> c == '\n').count() > 1) {
                sb.setLength(0); // a blank line separates the query's comment from earlier ones
            }
        }
        return sb.toString().trim();
    }

    private LogicalPlan pipeline(IntStreamDslParser.PipelineContext ctx) {
        LogicalPlan plan = ctx.probeSource() != null ? probe(ctx.probeSource()) : source(ctx.source());
        for (IntStreamDslParser.OperatorContext op : ctx.operator()) {
            plan = operator(op, plan);
        }
        return closeRelation(plan);
    }

    private static LogicalPlan closeRelation(LogicalPlan plan) {
        if (plan instanceof SplitNode || !PlanKinds.isRelation(plan)) {
            return plan;
        }
        return new StreamNode(plan, StreamNode.Kind.RSTREAM, plan.position());
    }

    private ScanNode source(IntStreamDslParser.SourceContext ctx) {
        String binding = ctx.ident() == null ? null : ctx.ident().getText();
        return new ScanNode(ctx.qualifiedName().getText(), binding, pos(ctx));
    }

    private ScanNode probe(IntStreamDslParser.ProbeSourceContext ctx) {
        ProbeSpec.Kind kind = ctx.probeKind().BANDWIDTH() != null ? ProbeSpec.Kind.BANDWIDTH
                : ctx.probeKind().proto.getType() == IntStreamDslLexer.TCP ? ProbeSpec.Kind.RTT_TCP
                : ProbeSpec.Kind.RTT_ICMP;
        List<ProbeSpec.Target> targets = new ArrayList<>();
        for (IntStreamDslParser.ProbeTargetContext t : ctx.probeTarget()) {
            targets.add(new ProbeSpec.Target(probeAddress(t.address), t.port == null ? null : primary(t.port)));
        }
        Expr bytes = null;
        Expr timeout = null;
        for (IntStreamDslParser.ProbeOptionContext o : ctx.probeOption()) {
            if (o instanceof IntStreamDslParser.ProbeBytesContext) {
                if (bytes != null) {
                    throw new QueryException(pos(o), "'bytes' is given twice");
                }
                bytes = expr(((IntStreamDslParser.ProbeBytesContext) o).expr());
            } else {
                if (timeout != null) {
                    throw new QueryException(pos(o), "'timeout' is given twice");
                }
                timeout = expr(((IntStreamDslParser.ProbeTimeoutContext) o).expr());
            }
        }
        return ScanNode.probe(new ProbeSpec(kind, targets, expr(ctx.expr()), bytes, timeout, pos(ctx)), pos(ctx));
    }

    /** A probe target's address; a name that is no parameter is a host name ({@code to h2}). */
    private Expr probeAddress(IntStreamDslParser.PrimaryContext ctx) {
        Expr e = primary(ctx);
        return e instanceof FieldRef ? new Literal(((FieldRef) e).name(), Type.STRING, e.position()) : e;
    }

    private LogicalPlan operator(IntStreamDslParser.OperatorContext op, LogicalPlan in) {
        if (in instanceof SplitNode) {
            throw new QueryException(pos(op), "split must be the last operator: its branches are the query's outputs");
        }
        SourcePosition p = pos(op);
        if (op instanceof IntStreamDslParser.FilterOpContext) {
            return new FilterNode(in, expr(((IntStreamDslParser.FilterOpContext) op).expr()), p);
        }
        if (op instanceof IntStreamDslParser.MapOpContext) {
            return new ProjectNode(in, namedExprs(((IntStreamDslParser.MapOpContext) op).namedExpr(), false), p);
        }
        if (op instanceof IntStreamDslParser.DistinctOpContext) {
            IntStreamDslParser.UsingClauseContext using = ((IntStreamDslParser.DistinctOpContext) op).usingClause();
            List<ApproxSpec> specs = approx(using);
            if (specs.size() > 1) {
                throw new QueryException(pos(using.approxSpec(1)), "distinct takes one sketch (bloom(...)), not "
                        + specs.size());
            }
            return new DistinctNode(in, specs.isEmpty() ? null : specs.get(0), p);
        }
        if (op instanceof IntStreamDslParser.ReduceOpContext) {
            IntStreamDslParser.ReduceOpContext r = (IntStreamDslParser.ReduceOpContext) op;
            int aggCount = r.BY() == null ? r.namedExpr().size() : countBefore(r.namedExpr(), r.BY().getSymbol());
            List<NamedExpr> aggs = namedExprs(r.namedExpr().subList(0, aggCount), true);
            List<NamedExpr> keys = namedExprs(r.namedExpr().subList(aggCount, r.namedExpr().size()), false);
            return new AggregateNode(in, keys, aggs, approx(r.usingClause()), p);
        }
        if (op instanceof IntStreamDslParser.TumblingOpContext) {
            IntStreamDslParser.TumblingOpContext t = (IntStreamDslParser.TumblingOpContext) op;
            return new WindowNode(in, WindowSpec.tumbling(expr(t.expr()), p), p);
        }
        if (op instanceof IntStreamDslParser.SlidingOpContext) {
            IntStreamDslParser.SlidingOpContext s = (IntStreamDslParser.SlidingOpContext) op;
            return new WindowNode(in, WindowSpec.sliding(expr(s.expr(0)), expr(s.expr(1)), p), p);
        }
        if (op instanceof IntStreamDslParser.JoinOpContext) {
            IntStreamDslParser.JoinOpContext j = (IntStreamDslParser.JoinOpContext) op;
            List<String> using = new ArrayList<>();
            for (IntStreamDslParser.IdentContext id : j.ident()) {
                using.add(id.getText());
            }
            Expr on = j.expr() == null ? null : expr(j.expr());
            if (using.isEmpty() && on == null) {
                throw new QueryException(p, "join needs 'using (columns)' or 'on condition'");
            }
            JoinNode.Type type = j.LEFT() != null ? JoinNode.Type.LEFT : JoinNode.Type.INNER;
            return new JoinNode(in, source(j.source()), type, using, on, p);
        }
        if (op instanceof IntStreamDslParser.UnionOpContext) {
            List<LogicalPlan> inputs = new ArrayList<>();
            inputs.add(in);
            for (IntStreamDslParser.SourceContext s : ((IntStreamDslParser.UnionOpContext) op).source()) {
                inputs.add(source(s));
            }
            return new UnionNode(inputs, p);
        }
        if (op instanceof IntStreamDslParser.TopkOpContext) {
            IntStreamDslParser.TopkOpContext t = (IntStreamDslParser.TopkOpContext) op;
            List<Expr> partition = new ArrayList<>();
            for (int i = 2; i < t.expr().size(); i++) {
                partition.add(expr(t.expr(i)));
            }
            return new TopKNode(in, expr(t.expr(0)), expr(t.expr(1)), t.ASC() == null, partition, p);
        }
        if (op instanceof IntStreamDslParser.PercentileOpContext) {
            IntStreamDslParser.PercentileOpContext pc = (IntStreamDslParser.PercentileOpContext) op;
            return new PercentileNode(in, expr(pc.expr(0)), expr(pc.expr(1)), p);
        }
        if (op instanceof IntStreamDslParser.SketchOpContext) {
            IntStreamDslParser.SketchOpContext s = (IntStreamDslParser.SketchOpContext) op;
            // The value is named like an aggregate (count() is "count"), the keys like map columns.
            NamedExpr value = namedExprs(s.namedExpr().subList(0, 1), true).get(0);
            List<NamedExpr> keys = namedExprs(s.namedExpr().subList(1, s.namedExpr().size()), false);
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).name().equals(value.name())) {
                    throw new QueryException(pos(s.namedExpr(i + 1)), "column '" + value.name()
                            + "' appears twice; rename one with 'as'");
                }
            }
            List<ApproxSpec> specs = approx(s.usingClause());
            if (specs.size() != 1) {
                throw new QueryException(pos(s.usingClause().approxSpec(1)), "sketch takes one sketch kind "
                        + "(countmin(...)), not " + specs.size());
            }
            return new SketchNode(in, value, keys, specs.get(0),
                    s.expr() == null ? null : expr(s.expr()), p);
        }
        if (op instanceof IntStreamDslParser.SplitOpContext) {
            return split((IntStreamDslParser.SplitOpContext) op, in);
        }
        if (op instanceof IntStreamDslParser.SortOpContext) {
            List<SortNode.Key> keys = new ArrayList<>();
            for (IntStreamDslParser.SortKeyContext k : ((IntStreamDslParser.SortOpContext) op).sortKey()) {
                keys.add(new SortNode.Key(expr(k.expr()), k.DESC() != null));
            }
            return new SortNode(in, keys, p);
        }
        if (op instanceof IntStreamDslParser.StreamOpContext) {
            int kind = ((IntStreamDslParser.StreamOpContext) op).kind.getType();
            StreamNode.Kind k = kind == IntStreamDslLexer.ISTREAM ? StreamNode.Kind.ISTREAM
                    : kind == IntStreamDslLexer.DSTREAM ? StreamNode.Kind.DSTREAM : StreamNode.Kind.RSTREAM;
            return new StreamNode(in, k, p);
        }
        throw new QueryException(p, "unsupported operator '" + op.getText() + "'");
    }

    private LogicalPlan split(IntStreamDslParser.SplitOpContext ctx, LogicalPlan in) {
        List<SplitNode.Branch> branches = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (IntStreamDslParser.BranchContext b : ctx.branch()) {
            String name = b.ident().getText();
            if (!names.add(name)) {
                throw new QueryException(pos(b), "split branch '" + name + "' is defined twice");
            }
            LogicalPlan plan = new BranchInputNode(pos(b));
            for (IntStreamDslParser.OperatorContext op : b.operator()) {
                plan = operator(op, plan);
            }
            // A branch inherits the relation/stream kind of the split's input.
            boolean relation = PlanKinds.isRelation(PlanKinds.replaceBranchInput(plan, in));
            if (relation) {
                plan = new StreamNode(plan, StreamNode.Kind.RSTREAM, plan.position());
            }
            branches.add(new SplitNode.Branch(name, plan));
        }
        if (branches.size() < 2) {
            throw new QueryException(pos(ctx), "split needs at least two branches");
        }
        return new SplitNode(in, branches, pos(ctx));
    }

    private static int countBefore(List<IntStreamDslParser.NamedExprContext> list, Token marker) {
        int n = 0;
        for (IntStreamDslParser.NamedExprContext c : list) {
            if (c.getStart().getTokenIndex() < marker.getTokenIndex()) {
                n++;
            }
        }
        return n;
    }

    private List<NamedExpr> namedExprs(List<IntStreamDslParser.NamedExprContext> ctxs, boolean aggregates) {
        List<NamedExpr> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (IntStreamDslParser.NamedExprContext c : ctxs) {
            Expr e = expr(c.expr());
            String name;
            if (c.ident() != null) {
                name = c.ident().getText();
            } else if (e instanceof FieldRef) {
                name = ((FieldRef) e).name();
            } else if (aggregates && e instanceof CallExpr) {
                name = ((CallExpr) e).function();
            } else {
                String written = tokens.getText(c.getStart(), c.getStop());
                throw new QueryException(pos(c), "give this column a name: '" + written + " as <name>'");
            }
            if (!seen.add(name)) {
                throw new QueryException(pos(c), "column '" + name + "' appears twice; rename one with 'as'");
            }
            out.add(new NamedExpr(name, e, pos(c)));
        }
        return out;
    }

    private List<ApproxSpec> approx(IntStreamDslParser.UsingClauseContext ctx) {
        List<ApproxSpec> specs = new ArrayList<>();
        if (ctx == null) {
            return specs;
        }
        for (IntStreamDslParser.ApproxSpecContext s : ctx.approxSpec()) {
            Map<String, Expr> args = new LinkedHashMap<>();
            for (IntStreamDslParser.ApproxArgContext a : s.approxArg()) {
                String name = a.ident().getText();
                if (args.put(name, expr(a.expr())) != null) {
                    throw new QueryException(pos(a), "argument '" + name + "' is given twice");
                }
            }
            specs.add(new ApproxSpec(s.ident().getText(), args, pos(s)));
        }
        return specs;
    }

    Expr expr(IntStreamDslParser.ExprContext ctx) {
        SourcePosition p = pos(ctx);
        if (ctx instanceof IntStreamDslParser.PrimaryExprContext) {
            return primary(((IntStreamDslParser.PrimaryExprContext) ctx).primary());
        }
        if (ctx instanceof IntStreamDslParser.NegateExprContext) {
            IntStreamDslParser.ExprContext operand = ((IntStreamDslParser.NegateExprContext) ctx).expr();
            Literal folded = negativeLiteral(operand, p);
            return folded != null ? folded : new UnaryExpr(UnaryOperator.NEGATE, expr(operand), p);
        }
        if (ctx instanceof IntStreamDslParser.BinaryExprContext) {
            IntStreamDslParser.BinaryExprContext b = (IntStreamDslParser.BinaryExprContext) ctx;
            return new BinaryExpr(BinaryOperator.fromSymbol(b.op.getText()), expr(b.expr(0)), expr(b.expr(1)), p);
        }
        if (ctx instanceof IntStreamDslParser.IsExprContext) {
            IntStreamDslParser.IsExprContext i = (IntStreamDslParser.IsExprContext) ctx;
            return new UnaryExpr(i.PRESENT() != null ? UnaryOperator.IS_PRESENT : UnaryOperator.IS_ABSENT,
                    expr(i.expr()), p);
        }
        if (ctx instanceof IntStreamDslParser.NotExprContext) {
            return new UnaryExpr(UnaryOperator.NOT, expr(((IntStreamDslParser.NotExprContext) ctx).expr()), p);
        }
        throw new QueryException(p, "unsupported expression '" + ctx.getText() + "'");
    }

    /** {@code -5} (and {@code -2.5}, {@code -5s}) written directly, without parentheses, is a negative literal. */
    private Literal negativeLiteral(IntStreamDslParser.ExprContext operand, SourcePosition p) {
        if (!(operand instanceof IntStreamDslParser.PrimaryExprContext)) {
            return null;
        }
        IntStreamDslParser.PrimaryContext prim = ((IntStreamDslParser.PrimaryExprContext) operand).primary();
        if (!(prim instanceof IntStreamDslParser.LiteralPrimaryContext)) {
            return null;
        }
        Token t = ((IntStreamDslParser.LiteralPrimaryContext) prim).literal().getStart();
        switch (t.getType()) {
            case IntStreamDslLexer.INT:
                return new Literal(parseInt("-" + t.getText(), t), Type.INT, p);
            case IntStreamDslLexer.FLOAT:
                return new Literal(-parseFloat(t), Type.FLOAT, p);
            case IntStreamDslLexer.DURATION:
                // A negative duration has no other literal form, so the printer writes it this way.
                return new Literal(-(Long) literal(t).value(), Type.DURATION, p);
            default:
                return null;
        }
    }

    private Expr primary(IntStreamDslParser.PrimaryContext ctx) {
        SourcePosition p = pos(ctx);
        if (ctx instanceof IntStreamDslParser.LiteralPrimaryContext) {
            return literal(((IntStreamDslParser.LiteralPrimaryContext) ctx).literal().getStart());
        }
        if (ctx instanceof IntStreamDslParser.StarCallPrimaryContext) {
            String fn = ((IntStreamDslParser.StarCallPrimaryContext) ctx).ident().getText();
            if (!"count".equalsIgnoreCase(fn)) {
                throw new QueryException(p, "only count(*) takes '*'; write " + fn + "(<column>)");
            }
            return new CallExpr(fn, List.of(), p);
        }
        if (ctx instanceof IntStreamDslParser.CallPrimaryContext) {
            IntStreamDslParser.CallPrimaryContext c = (IntStreamDslParser.CallPrimaryContext) ctx;
            List<Expr> args = new ArrayList<>();
            for (IntStreamDslParser.ExprContext a : c.expr()) {
                args.add(expr(a));
            }
            CallExpr call = new CallExpr(c.ident().getText(), args, p);
            Literal folded = foldConstructor(call);
            return folded != null ? folded : call;
        }
        if (ctx instanceof IntStreamDslParser.NamePrimaryContext) {
            String name = ((IntStreamDslParser.NamePrimaryContext) ctx).qualifiedName().getText();
            return parameterNames.contains(name) ? new ParamRef(name, p) : new FieldRef(name, p);
        }
        if (ctx instanceof IntStreamDslParser.ParenPrimaryContext) {
            return expr(((IntStreamDslParser.ParenPrimaryContext) ctx).expr());
        }
        throw new QueryException(p, "unsupported expression '" + ctx.getText() + "'");
    }

    /** {@code ip("…")}, {@code prefix("…")} and {@code timestamp(n)} over constants are literals. */
    private static Literal foldConstructor(CallExpr call) {
        if (call.arguments().size() != 1 || !(call.arguments().get(0) instanceof Literal)) {
            return null;
        }
        Object arg = ((Literal) call.arguments().get(0)).value();
        try {
            switch (call.function()) {
                case "ip":
                    return arg instanceof String ? new Literal(IpAddress.parse((String) arg), Type.IP, call.position()) : null;
                case "prefix":
                    return arg instanceof String ? new Literal(IpPrefix.parse((String) arg), Type.PREFIX, call.position())
                            : null;
                case "timestamp":
                    return arg instanceof Long ? new Literal(arg, Type.TIMESTAMP, call.position()) : null;
                default:
                    return null;
            }
        } catch (IllegalArgumentException e) {
            throw new QueryException(call.position(), e.getMessage());
        }
    }

    private static Literal literal(Token t) {
        SourcePosition p = pos(t);
        String text = t.getText();
        switch (t.getType()) {
            case IntStreamDslLexer.INT:
                return new Literal(parseInt(text, t), Type.INT, p);
            case IntStreamDslLexer.FLOAT:
                return new Literal(parseFloat(t), Type.FLOAT, p);
            case IntStreamDslLexer.DURATION:
                Long micros = Durations.parse(text);
                if (micros == null) {
                    throw new QueryException(p, "duration '" + text + "' is too large");
                }
                return new Literal(micros, Type.DURATION, p);
            case IntStreamDslLexer.SIZE:
                return new Literal(parseSize(text, t), Type.INT, p);
            case IntStreamDslLexer.STRING:
                return new Literal(unquote(text, p), Type.STRING, p);
            case IntStreamDslLexer.IPV4:
                IpAddress a = IpAddress.tryParse(text);
                if (a == null) {
                    throw new QueryException(p, "'" + text + "' is not an IPv4 address (each part must be 0..255)");
                }
                return new Literal(a, Type.IP, p);
            case IntStreamDslLexer.PREFIX4:
                try {
                    return new Literal(IpPrefix.parse(text), Type.PREFIX, p);
                } catch (IllegalArgumentException e) {
                    throw new QueryException(p, e.getMessage());
                }
            case IntStreamDslLexer.TRUE:
                return new Literal(true, Type.BOOL, p);
            case IntStreamDslLexer.FALSE:
                return new Literal(false, Type.BOOL, p);
            default:
                throw new QueryException(p, "unexpected literal '" + text + "'");
        }
    }

    private static long parseInt(String text, Token t) {
        try {
            boolean negative = text.startsWith("-");
            String digits = negative ? text.substring(1) : text;
            if (digits.startsWith("0x")) {
                long v = Long.parseUnsignedLong(digits.substring(2), 16);
                return negative ? -v : v;
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new QueryException(pos(t), "integer '" + text + "' does not fit in 64 bits");
        }
    }

    /** {@code 1MB} is 10^6 bytes, {@code 1MiB} 2^20. */
    private static long parseSize(String text, Token t) {
        int unit = 0;
        while (Character.isDigit(text.charAt(unit))) {
            unit++;
        }
        boolean binary = text.length() - unit == 3;
        int power = "kmg".indexOf(Character.toLowerCase(text.charAt(unit))) + 1;
        long scale = 1;
        for (int i = 0; i < power; i++) {
            scale *= binary ? 1024 : 1000;
        }
        try {
            return Math.multiplyExact(Long.parseLong(text.substring(0, unit)), scale);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new QueryException(pos(t), "size '" + text + "' does not fit in 64 bits");
        }
    }

    private static double parseFloat(Token t) {
        double d = Double.parseDouble(t.getText());
        if (Double.isInfinite(d)) {
            throw new QueryException(pos(t), "number '" + t.getText() + "' is too large");
        }
        return d;
    }

    private static String unquote(String text, SourcePosition p) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char n = text.charAt(++i);
                switch (n) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case '\\': case '"': case '\'': sb.append(n); break;
                    default:
                        throw new QueryException(p, "unknown escape '\\" + n + "' in string " + text);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
