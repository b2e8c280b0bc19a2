package org.intstream.query.cql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.intstream.query.QueryException;
import org.intstream.query.SourcePosition;
import org.intstream.query.check.ExprTyper;
import org.intstream.query.check.Suggestions;
import org.intstream.query.dsl.SyntaxErrorListener;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprRewriter;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.SubqueryExpr;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.expr.UnaryOperator;
import org.intstream.query.function.FunctionRegistry;
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
import org.intstream.query.plan.WindowSpec;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.Type;

/**
 * Builds logical plans from CQL statements, resolving names as SQL does (aliases, correlated references to
 * the blocks around a subquery), coercing literals to the type they are compared with, and deciding which
 * named statements are streams and which relations (docs/cql.md).
 *
 * <p>A Select block becomes, from the leaves up: its From items ({@code Alias} over {@code Window} over
 * {@code Scan}, crossed), {@code Filter} (Where), {@code Aggregate} (Group By and the aggregates used),
 * {@code Filter} (Having), {@code Project} (the select list), {@code Distinct}, {@code Sort} (Order By) and a
 * relation-to-stream operator. Inside a block, columns have canonical names {@code alias.column}.
 */
final class CqlPlanBuilder {
    private static final String TIME_UNITS = "Microsecond, Millisecond, Second, Minute, Hour or Day";
    private final FunctionRegistry functions;
    private final CharStream input;
    private final Map<String, CqlStatement> named = new LinkedHashMap<>();
    /** The type each subquery expression has (its single column, or bool), for the expression typer. */
    private final Map<SubqueryExpr, Type> subqueryTypes = new IdentityHashMap<>();
    /** The statements without a name (called q1, q2, …), for messages about names. */
    private final Set<CqlStatement> unnamedStatements = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Each call's text as written, for messages. */
    private final Map<CallExpr, String> callTexts = new IdentityHashMap<>();

    CqlPlanBuilder(FunctionRegistry functions, CharStream input) {
        this.functions = functions;
        this.input = input;
    }

    /** A plan with its columns and kind. */
    private static final class Built {
        final LogicalPlan plan;
        final Schema schema;
        final boolean stream;

        Built(LogicalPlan plan, Schema schema, boolean stream) {
            this.plan = plan;
            this.schema = schema;
            this.stream = stream;
        }
    }

    static SourcePosition pos(ParserRuleContext ctx) {
        return pos(ctx.getStart());
    }

    static SourcePosition pos(Token t) {
        return new SourcePosition(t.getLine(), t.getCharPositionInLine() + 1);
    }

    List<CqlStatement> program(CqlParser.ProgramContext ctx) {
        List<CqlStatement> out = new ArrayList<>();
        int unnamed = 0;
        List<CqlParser.StatementContext> statements = ctx.statement();
        for (int i = 0; i < statements.size(); i++) {
            CqlParser.StatementContext s = statements.get(i);
            String name = s.name == null ? "q" + (++unnamed) : s.name.getText();
            if (PacketsSchema.isPackets(name)) {
                throw new QueryException(pos(s), "'" + name + "' is the name of the packet stream; give this query "
                        + "another name");
            }
            CqlStatement before = named.get(name.toLowerCase(Locale.ROOT));
            if (before != null && s.name == null) {
                throw new QueryException(pos(s), "this statement has no name, so it would be called '" + name
                        + "', but the statement at " + before.position() + " is named so; name this one (Name: "
                        + "Select …)");
            }
            if (before != null && unnamedStatements.contains(before)) {
                throw new QueryException(pos(s), "'" + name + "' is what the unnamed statement at "
                        + before.position() + " is called (q1, q2, … in order); choose another name");
            }
            if (before != null) {
                throw new QueryException(pos(s), "'" + name + "' is defined twice: a query of that name is defined "
                        + "at " + before.position());
            }
            Built b;
            try {
                b = body(s.body());
            } catch (QueryException e) {
                throw explainSplitStatement(e, statements, i);
            }
            String text = text(s);
            CqlStatement st = new CqlStatement(name, b.plan, b.schema, b.stream, text, pos(s));
            named.put(name.toLowerCase(Locale.ROOT), st);
            if (s.name == null) {
                unnamedStatements.add(st);
            }
            out.add(st);
        }
        return out;
    }

    /**
     * Statements need no ';' between them, so a misspelt keyword read as an alias or a column ("From Packets
     * Wher len > 5") ends a statement, and the rest is read as statements of their own, one of which fails.
     * The error then names the misspelt word if one stands where the statements meet; else, for an unnamed
     * statement failing at its first word, it says that a new statement began there.
     */
    private static QueryException explainSplitStatement(QueryException e, List<CqlParser.StatementContext> statements,
            int i) {
        CqlParser.StatementContext s = statements.get(i);
        boolean followsAnother = i > 0 && s.name == null && !endsWithSemicolon(statements.get(i - 1));
        List<Token> near = new ArrayList<>();
        if (followsAnother) {
            near.add(statements.get(i - 1).getStop());
            near.add(s.getStart());
        }
        if (i + 1 < statements.size() && statements.get(i + 1).name == null && !endsWithSemicolon(s)) {
            near.add(statements.get(i + 1).getStart());
        }
        for (Token t : near) {
            String keyword = t.getType() == CqlLexer.IDENT
                    ? SyntaxErrorListener.keywordMisspeltAs(t.getText(), CqlQueries.clauseKeywordNames()) : null;
            if (keyword != null) {
                return new QueryException(pos(t), SyntaxErrorListener.misspeltKeywordMessage(t.getText(), keyword));
            }
        }
        if (!followsAnother || e.position().line() != pos(s).line() || e.position().column() != pos(s).column()) {
            return e;
        }
        return new QueryException(e.position(), e.reason() + " ('" + s.getStart().getText() + "' begins a new "
                + "statement, as the one before it is complete)");
    }

    private static boolean endsWithSemicolon(CqlParser.StatementContext s) {
        return ";".equals(s.getStop().getText());
    }

    private Built body(CqlParser.BodyContext ctx) {
        if (ctx.setQuery() != null) {
            return setQuery(ctx.setQuery(), null, true);
        }
        // An expression statement: computed over a relation of one row at every instant.
        Scope scope = new Scope(null, List.of());
        Expr e = expr(ctx.expr(), scope);
        rejectAggregate(e, "a statement without Select has no tuples to aggregate; write Select "
                + "… From …");
        Type t = type(e, scope.visible(), false);
        String name = outputName(e, 0);
        ProjectNode p = new ProjectNode(new OneRowNode(pos(ctx)), List.of(new NamedExpr(name, e, pos(ctx))), pos(ctx));
        return new Built(p, Schema.of(List.of(new Column(name, t))), false);
    }

    private Built setQuery(CqlParser.SetQueryContext ctx, Scope outer, boolean topLevel) {
        List<Built> terms = new ArrayList<>();
        for (CqlParser.QueryTermContext t : ctx.queryTerm()) {
            terms.add(t.select() != null ? select(t.select(), outer, topLevel) : setQuery(t.setQuery(), outer, topLevel));
        }
        if (terms.size() == 1) {
            return terms.get(0);
        }
        Built first = terms.get(0);
        List<LogicalPlan> inputs = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            Built b = terms.get(i);
            if (b.schema.size() != first.schema.size()) {
                throw new QueryException(pos(ctx.queryTerm(i)), "the queries of a Union need the same number of "
                        + "columns: " + first.schema.names() + " and " + b.schema.names());
            }
            for (int c = 0; c < b.schema.size(); c++) {
                Type a = first.schema.columns().get(c).type();
                Type o = b.schema.columns().get(c).type();
                if (!a.equals(o) && !(a.isNumeric() && o.isNumeric())) {
                    throw new QueryException(pos(ctx.queryTerm(i)), "column " + (c + 1) + " of a Union is " + a
                            + " in the first query but " + o + " here");
                }
            }
            if (b.stream != first.stream) {
                throw new QueryException(pos(ctx.queryTerm(i)), "a Union needs streams on both sides or relations "
                        + "on both sides: the first query is a " + kind(first) + ", this one a " + kind(b));
            }
            inputs.add(b.plan);
        }
        return new Built(new UnionNode(inputs, pos(ctx)), first.schema, first.stream);
    }

    private static String kind(Built b) {
        return b.stream ? "stream" : "relation";
    }

    /** A From item after building: its plan (aliased), alias, columns, and whether it reads a stream at [Now]. */
    private static final class FromItem {
        final LogicalPlan plan;
        final Scope.Item item;
        final boolean nowStream;

        FromItem(LogicalPlan plan, Scope.Item item, boolean nowStream) {
            this.plan = plan;
            this.item = item;
            this.nowStream = nowStream;
        }
    }

    private Built select(CqlParser.SelectContext ctx, Scope outer, boolean topLevel) {
        boolean streamSelect = ctx instanceof CqlParser.StreamSelectContext;
        CqlParser.SelectListContext selectList;
        CqlParser.FromClauseContext from;
        CqlParser.WhereClauseContext where;
        CqlParser.GroupByContext groupBy;
        CqlParser.HavingContext having;
        CqlParser.OrderByContext orderBy;
        boolean distinct;
        StreamNode.Kind streamKind = null;
        if (streamSelect) {
            CqlParser.StreamSelectContext s = (CqlParser.StreamSelectContext) ctx;
            selectList = s.selectList();
            from = s.fromClause();
            where = s.whereClause();
            groupBy = s.groupBy();
            having = s.having();
            orderBy = s.orderBy();
            distinct = s.selectDistinct != null;
            if (s.innerDistinct != null) {
                throw new QueryException(pos(s.innerDistinct), "Distinct goes before " + s.streamOp.getText()
                        + ": Select Distinct " + s.streamOp.getText() + "(…)");
            }
            int k = s.streamOp.getType();
            streamKind = k == CqlLexer.ISTREAM ? StreamNode.Kind.ISTREAM
                    : k == CqlLexer.DSTREAM ? StreamNode.Kind.DSTREAM : StreamNode.Kind.RSTREAM;
        } else {
            CqlParser.PlainSelectContext s = (CqlParser.PlainSelectContext) ctx;
            selectList = s.selectList();
            from = s.fromClause();
            where = s.whereClause();
            groupBy = s.groupBy();
            having = s.having();
            orderBy = s.orderBy();
            distinct = s.DISTINCT() != null;
        }

        // From
        List<FromItem> items = new ArrayList<>();
        if (from != null) {
            Set<String> aliases = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (CqlParser.FromItemContext f : from.fromItem()) {
                FromItem item = fromItem(f, outer);
                if (!aliases.add(item.item.alias)) {
                    Token at = f.alias != null ? f.alias : f.source != null ? f.source : f.getStart();
                    throw new QueryException(pos(at), "alias '" + item.item.alias + "' is used twice in one From "
                            + "clause; give one of them another alias");
                }
                items.add(item);
            }
        }
        List<Scope.Item> scopeItems = new ArrayList<>();
        LogicalPlan plan = null;
        boolean nowStream = false;
        for (FromItem f : items) {
            scopeItems.add(f.item);
            nowStream |= f.nowStream;
            plan = plan == null ? f.plan : new JoinNode(plan, f.plan, JoinNode.Type.CROSS, List.of(), null, f.plan.position());
        }
        if (plan == null) {
            plan = new OneRowNode(pos(ctx));
        }
        Scope scope = new Scope(outer, scopeItems);
        Schema fromSchema = schemaOfItems(scopeItems);

        if (where != null) {
            Expr cond = expr(where.expr(), scope);
            rejectAggregate(cond, "Where tests each tuple before any grouping; test aggregates in Having");
            requireBool(cond, scope.visible(), false, "the Where condition");
            plan = new FilterNode(plan, cond, pos(where));
        }

        // Select list (against the From scope; aggregates allowed, rewritten below)
        List<NamedExpr> columns = new ArrayList<>();
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        int index = 0;
        for (CqlParser.SelectItemContext item : selectList.selectItem()) {
            if (item instanceof CqlParser.AllColumnsContext) {
                for (Scope.Item si : scopeItems) {
                    for (Column c : si.schema.columns()) {
                        addColumn(columns, names, c.name(), new FieldRef(si.alias + "." + c.name(), pos(item)), item);
                    }
                }
                if (scopeItems.isEmpty()) {
                    throw new QueryException(pos(item), "'*' needs a From clause");
                }
            } else if (item instanceof CqlParser.AliasColumnsContext) {
                String alias = ((CqlParser.AliasColumnsContext) item).IDENT().getText();
                Scope.Item si = scope.item(alias);
                if (si == null) {
                    scope.resolve(alias, "*", pos(item)); // throws the unknown-alias message
                }
                for (Column c : si.schema.columns()) {
                    addColumn(columns, names, c.name(), new FieldRef(si.alias + "." + c.name(), pos(item)), item);
                }
            } else {
                CqlParser.ExprColumnContext ec = (CqlParser.ExprColumnContext) item;
                Expr e = expr(ec.expr(), scope);
                String name = ec.alias != null ? ec.alias.getText() : outputName(e, index);
                addColumn(columns, names, name, e, item);
            }
            index++;
        }

        boolean aggregate = groupBy != null || having != null;
        for (NamedExpr c : columns) {
            aggregate |= ExprTyper.containsAggregate(c.expr(), functions);
        }
        Schema outSchema;
        if (aggregate) {
            Aggregation agg = new Aggregation(scope, fromSchema, groupBy);
            List<NamedExpr> rewritten = new ArrayList<>();
            for (NamedExpr c : columns) {
                rewritten.add(new NamedExpr(c.name(), agg.collect(c.expr(), c.position()), c.position()));
            }
            Expr havingExpr = having == null ? null : agg.collect(expr(having.expr(), scope), pos(having));
            if (agg.calls.isEmpty()) {
                throw new QueryException(pos(groupBy != null ? groupBy : having), (groupBy != null ? "Group By"
                        : "Having") + " needs an aggregate (Count, Sum, …) in the select list or in Having; for "
                        + "distinct values, write Select Distinct without Group By");
            }
            plan = new AggregateNode(plan, agg.keys, agg.calls, List.of(), pos(ctx));
            Schema aggSchema = agg.schema();
            if (havingExpr != null) {
                requireBool(havingExpr, aggSchema, false, "the Having condition");
                plan = new FilterNode(plan, havingExpr, pos(having));
            }
            outSchema = projectSchema(rewritten, aggSchema);
            plan = new ProjectNode(plan, rewritten, pos(selectList));
        } else {
            outSchema = projectSchema(columns, fromScopeSchema(scope));
            plan = new ProjectNode(plan, columns, pos(selectList));
        }
        if (distinct) {
            plan = new DistinctNode(plan, null, pos(ctx));
        }
        if (orderBy != null) {
            List<SortNode.Key> keys = new ArrayList<>();
            for (CqlParser.OrderItemContext o : orderBy.orderItem()) {
                keys.add(new SortNode.Key(orderKey(o.expr(), outSchema, scope), o.DESC() != null));
            }
            plan = new SortNode(plan, keys, pos(orderBy));
        }
        boolean stream = false;
        if (streamKind != null) {
            plan = new StreamNode(plan, streamKind, pos(ctx));
            stream = true;
        } else if (topLevel && nowStream) {
            // A relation over [Now] holds only what arrives at each instant: CQL reads it as a stream (Istream).
            plan = new StreamNode(plan, StreamNode.Kind.ISTREAM, pos(ctx));
            stream = true;
        }
        return new Built(plan, outSchema, stream);
    }

    private static void addColumn(List<NamedExpr> columns, Set<String> names, String name, Expr e,
            ParserRuleContext at) {
        if (!names.add(name)) {
            throw new QueryException(pos(at), "column '" + name + "' appears twice in the select list; rename one "
                    + "with 'as'");
        }
        columns.add(new NamedExpr(name, e, pos(at)));
    }

    /** The rule for names of unaliased select items: a column's own name, else the aggregate and its column. */
    static String outputName(Expr e, int index) {
        if (e instanceof FieldRef) {
            String n = ((FieldRef) e).name();
            return n.substring(n.lastIndexOf('.') + 1);
        }
        if (e instanceof CallExpr) {
            CallExpr c = (CallExpr) e;
            if (c.arguments().isEmpty()) {
                return c.function();
            }
            if (c.arguments().size() == 1 && c.arguments().get(0) instanceof FieldRef) {
                return c.function() + "_" + outputName(c.arguments().get(0), index);
            }
            return c.function();
        }
        return "col" + (index + 1);
    }

    private static Schema schemaOfItems(List<Scope.Item> items) {
        List<Column> cols = new ArrayList<>();
        for (Scope.Item i : items) {
            for (Column c : i.schema.columns()) {
                cols.add(new Column(i.alias + "." + c.name(), c.type()));
            }
        }
        return Schema.of(cols);
    }

    private static Schema fromScopeSchema(Scope scope) {
        return scope.visible();
    }

    private Schema projectSchema(List<NamedExpr> columns, Schema input) {
        List<Column> cols = new ArrayList<>();
        for (NamedExpr c : columns) {
            cols.add(new Column(c.name(), type(c.expr(), input, false)));
        }
        return Schema.of(cols);
    }

    private Expr orderKey(CqlParser.ExprContext ctx, Schema out, Scope scope) {
        String text = ctx.getText();
        String name = text.contains(".") ? text.substring(text.lastIndexOf('.') + 1) : text;
        if (ctx instanceof CqlParser.PrimaryExprContext
                && ((CqlParser.PrimaryExprContext) ctx).primary() instanceof CqlParser.ColumnPrimaryContext) {
            List<TerminalNode> ids = ((CqlParser.ColumnPrimaryContext) ((CqlParser.PrimaryExprContext) ctx).primary())
                    .IDENT();
            if (ids.size() == 2) {
                scope.resolve(ids.get(0).getText(), name, pos(ctx)); // "X.col" must name a column of alias X
            }
        }
        for (Column c : out.columns()) {
            if (c.name().equalsIgnoreCase(name)) {
                return new FieldRef(c.name(), pos(ctx));
            }
        }
        throw new QueryException(pos(ctx), "Order By sorts by selected columns, and '" + text(ctx) + "' is not "
                + "one" + Suggestions.didYouMean(name, out.names()) + "; the selected columns are " + out.names());
    }

    /** Group By keys and the aggregate calls a block uses, and the rewrite of expressions over them. */
    private final class Aggregation {
        final List<NamedExpr> keys = new ArrayList<>();
        final List<NamedExpr> calls = new ArrayList<>();
        private final Scope scope;
        private final Schema fromSchema;

        Aggregation(Scope scope, Schema fromSchema, CqlParser.GroupByContext groupBy) {
            this.scope = scope;
            this.fromSchema = fromSchema;
            if (groupBy != null) {
                Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                for (CqlParser.ExprContext g : groupBy.expr()) {
                    Expr e = expr(g, scope);
                    if (ExprTyper.containsAggregate(e, functions)) {
                        throw new QueryException(pos(g), "an aggregate can't be a Group By key");
                    }
                    type(e, scope.visible(), false);
                    String name = outputName(e, keys.size());
                    if (!names.add(name)) {
                        name = "g" + (keys.size() + 1);
                    }
                    keys.add(new NamedExpr(name, e, pos(g)));
                }
            }
        }

        /** Replaces aggregate calls and key expressions by the aggregate's output columns. */
        Expr collect(Expr e, SourcePosition at) {
            rejectNestedAggregates(e);
            Expr r = ExprRewriter.rewrite(e, x -> {
                if (x instanceof CallExpr && functions.isAggregate(((CallExpr) x).function())) {
                    type(x, scope.visible(), true);
                    for (NamedExpr c : calls) {
                        if (c.expr().equals(x)) {
                            return new FieldRef(c.name(), x.position());
                        }
                    }
                    String name = "$agg" + calls.size();
                    calls.add(new NamedExpr(name, x, x.position()));
                    return new FieldRef(name, x.position());
                }
                for (NamedExpr k : keys) {
                    if (k.expr().equals(x)) {
                        return new FieldRef(k.name(), x.position());
                    }
                }
                return x;
            });
            ExprRewriter.rewrite(r, x -> {
                if (x instanceof FieldRef && fromSchema.column(((FieldRef) x).name()) != null) {
                    String n = ((FieldRef) x).name();
                    throw new QueryException(x.position(), "'" + n.substring(n.lastIndexOf('.') + 1) + "' is neither "
                            + "grouped nor aggregated: add it to Group By or wrap it in an aggregate");
                }
                return x;
            });
            return r;
        }

        Schema schema() {
            List<Column> cols = new ArrayList<>();
            for (NamedExpr k : keys) {
                cols.add(new Column(k.name(), type(k.expr(), scope.visible(), false)));
            }
            for (NamedExpr c : calls) {
                cols.add(new Column(c.name(), type(c.expr(), scope.visible(), true)));
            }
            return Schema.of(cols);
        }
    }

    private FromItem fromItem(CqlParser.FromItemContext ctx, Scope outer) {
        SourcePosition p = pos(ctx);
        LogicalPlan plan;
        Schema schema;
        boolean stream;
        String defaultAlias;
        if (ctx.source != null) {
            String source = ctx.source.getText();
            defaultAlias = source;
            if (PacketsSchema.isPackets(source)) {
                plan = ScanNode.packets();
                plan = new ScanNode(ScanNode.PACKETS, null, p);
                schema = PacketsSchema.SCHEMA;
                stream = true;
            } else {
                CqlStatement st = named.get(source.toLowerCase(Locale.ROOT));
                if (st == null) {
                    List<String> known = new ArrayList<>();
                    known.add(PacketsSchema.NAME);
                    for (CqlStatement s : named.values()) {
                        known.add(s.name());
                    }
                    throw new QueryException(pos(ctx.source), "unknown stream or relation '" + source + "': read "
                            + "Packets or a query defined above" + Suggestions.didYouMean(source, known));
                }
                plan = new ScanNode(st.name(), null, !st.isStream(), p);
                schema = st.schema();
                stream = st.isStream();
            }
        } else {
            Built sub = setQuery(ctx.setQuery(), outer, false);
            plan = sub.plan;
            schema = sub.schema;
            stream = sub.stream;
            defaultAlias = null;
        }
        boolean now = false;
        if (ctx.window() != null) {
            WindowSpec spec = window(ctx.window());
            now = spec.kind() == WindowSpec.Kind.NOW;
            if (!stream) {
                // A window over a relation reads the relation as a stream first (CQL's default Istream).
                plan = new StreamNode(plan, StreamNode.Kind.ISTREAM, p);
            }
            plan = new WindowNode(plan, spec, pos(ctx.window()));
        } else if (stream) {
            plan = new WindowNode(plan, WindowSpec.unbounded(p), p); // a stream in From without a window
        }
        String alias = ctx.alias != null ? ctx.alias.getText() : defaultAlias;
        if (alias == null) {
            throw new QueryException(p, "a subquery in From needs an alias: (Select …) AS name");
        }
        plan = new AliasNode(plan, alias, p);
        return new FromItem(plan, new Scope.Item(alias, schema), now);
    }

    private WindowSpec window(CqlParser.WindowContext ctx) {
        SourcePosition p = pos(ctx);
        if (ctx instanceof CqlParser.NowWindowContext) {
            return WindowSpec.now(p);
        }
        if (ctx instanceof CqlParser.UnboundedWindowContext) {
            return WindowSpec.unbounded(p);
        }
        if (ctx instanceof CqlParser.RowsWindowContext) {
            CqlParser.RowsWindowContext r = (CqlParser.RowsWindowContext) ctx;
            long n = parseInt(r.INT().getSymbol());
            if (n < 1) {
                throw new QueryException(pos(r.INT().getSymbol()), "a Rows window holds at least 1 row");
            }
            return WindowSpec.rows(Literal.ofInt(n), p);
        }
        if (ctx instanceof CqlParser.SlideWithoutRangeWindowContext) {
            throw new QueryException(pos(((CqlParser.SlideWithoutRangeWindowContext) ctx).SLIDE().getSymbol()),
                    "a Slide needs a Range before it: write [Range 5 Minute Slide 1 Minute]");
        }
        CqlParser.RangeWindowContext r = (CqlParser.RangeWindowContext) ctx;
        long size = duration(r.duration(0));
        if (r.duration().size() == 1) {
            return WindowSpec.range(Literal.ofDuration(size), p);
        }
        long slide = duration(r.duration(1));
        if (slide <= 0) {
            throw new QueryException(pos(r.duration(1)), "a slide must be longer than zero");
        }
        return WindowSpec.range(Literal.ofDuration(size), Literal.ofDuration(slide), p);
    }

    private long duration(CqlParser.DurationContext ctx) {
        long n = parseInt(ctx.INT().getSymbol());
        if (ctx.unit == null) {
            // Point where the unit is missing: at the token that follows the number (Slide or ']').
            Token next = ((TerminalNode) ctx.getParent().getChild(indexIn(ctx.getParent(), ctx) + 1)).getSymbol();
            throw new QueryException(pos(next), "a time unit must follow " + n + ": " + TIME_UNITS);
        }
        String unit = ctx.unit.getText().toLowerCase(Locale.ROOT);
        if (unit.endsWith("s") && unit.length() > 1) {
            unit = unit.substring(0, unit.length() - 1);
        }
        long micros;
        switch (unit) {
            case "microsecond": micros = 1; break;
            case "millisecond": micros = 1_000; break;
            case "second": micros = 1_000_000; break;
            case "minute": micros = 60_000_000; break;
            case "hour": micros = 3_600_000_000L; break;
            case "day": micros = 86_400_000_000L; break;
            default:
                throw new QueryException(pos(ctx.unit), "unknown time unit '" + ctx.unit.getText() + "'"
                        + Suggestions.didYouMean(unit, List.of("Microsecond", "Millisecond", "Second", "Minute", "Hour",
                        "Day")) + "; use " + TIME_UNITS);
        }
        if (n > Long.MAX_VALUE / micros) {
            throw new QueryException(pos(ctx), "the duration '" + text(ctx) + "' is too large: it must fit in 64 "
                    + "bits of microseconds (about 292,000 years)");
        }
        return n * micros;
    }

    private static int indexIn(ParserRuleContext parent, ParseTree child) {
        for (int i = 0; i < parent.getChildCount(); i++) {
            if (parent.getChild(i) == child) {
                return i;
            }
        }
        throw new IllegalStateException("not a child of its parent");
    }

    /** The text of a part of the query as written, spaces and all. */
    private String text(ParserRuleContext ctx) {
        return input.getText(Interval.of(ctx.getStart().getStartIndex(), ctx.getStop().getStopIndex()));
    }

    // --- expressions ---

    private Expr expr(CqlParser.ExprContext ctx, Scope scope) {
        SourcePosition p = pos(ctx);
        if (ctx instanceof CqlParser.PrimaryExprContext) {
            return primary(((CqlParser.PrimaryExprContext) ctx).primary(), scope);
        }
        if (ctx instanceof CqlParser.NegateExprContext) {
            Expr operand = expr(((CqlParser.NegateExprContext) ctx).expr(), scope);
            if (operand instanceof Literal && ((Literal) operand).value() instanceof Long) {
                return new Literal(-(Long) ((Literal) operand).value(), Type.INT, p);
            }
            if (operand instanceof Literal && ((Literal) operand).value() instanceof Double) {
                return new Literal(-(Double) ((Literal) operand).value(), Type.FLOAT, p);
            }
            return new UnaryExpr(UnaryOperator.NEGATE, operand, p);
        }
        if (ctx instanceof CqlParser.BinaryExprContext) {
            CqlParser.BinaryExprContext b = (CqlParser.BinaryExprContext) ctx;
            Expr l = expr(b.expr(0), scope);
            Expr r = expr(b.expr(1), scope);
            BinaryOperator op = operator(b.op.getText());
            if (op.isComparison()) {
                Type lt = type(l, scope.visible(), true);
                Type rt = type(r, scope.visible(), true);
                l = coerce(l, rt, r);
                r = coerce(r, lt, l);
                requireComparable(op, b.op.getText(), type(l, scope.visible(), true), type(r, scope.visible(), true),
                        p);
            }
            return new BinaryExpr(op, l, r, p);
        }
        if (ctx instanceof CqlParser.IsNullExprContext) {
            CqlParser.IsNullExprContext i = (CqlParser.IsNullExprContext) ctx;
            return new UnaryExpr(i.NOT() != null ? UnaryOperator.IS_PRESENT : UnaryOperator.IS_ABSENT,
                    expr(i.expr(), scope), p);
        }
        if (ctx instanceof CqlParser.InQueryExprContext) {
            CqlParser.InQueryExprContext i = (CqlParser.InQueryExprContext) ctx;
            return inSubquery(List.of(expr(i.expr(), scope)), i.setQuery(), i.NOT() != null, scope, p);
        }
        if (ctx instanceof CqlParser.TupleInQueryExprContext) {
            CqlParser.TupleInQueryExprContext i = (CqlParser.TupleInQueryExprContext) ctx;
            List<Expr> operands = new ArrayList<>();
            for (CqlParser.ExprContext e : i.tuple().expr()) {
                operands.add(expr(e, scope));
            }
            return inSubquery(operands, i.setQuery(), i.NOT() != null, scope, p);
        }
        if (ctx instanceof CqlParser.InListExprContext) {
            CqlParser.InListExprContext i = (CqlParser.InListExprContext) ctx;
            Expr left = expr(i.expr(0), scope);
            Type lt = type(left, scope.visible(), true);
            Expr any = null;
            for (CqlParser.ExprContext v : i.expr().subList(1, i.expr().size())) {
                Expr value = coerce(expr(v, scope), lt, left);
                requireComparable(BinaryOperator.EQ, "In", lt, type(value, scope.visible(), true), pos(v));
                Expr eq = new BinaryExpr(BinaryOperator.EQ, left, value, pos(v));
                any = any == null ? eq : new BinaryExpr(BinaryOperator.OR, any, eq, p);
            }
            return i.NOT() != null ? new UnaryExpr(UnaryOperator.NOT, any, p) : any;
        }
        if (ctx instanceof CqlParser.ExistsExprContext) {
            CqlParser.ExistsExprContext e = (CqlParser.ExistsExprContext) ctx;
            Built sub = setQuery(e.setQuery(), scope, false);
            SubqueryExpr s = new SubqueryExpr(SubqueryExpr.Kind.EXISTS, e.NOT() != null, List.of(), sub.plan, p);
            subqueryTypes.put(s, Type.BOOL);
            return s;
        }
        if (ctx instanceof CqlParser.NotExprContext) {
            return new UnaryExpr(UnaryOperator.NOT, expr(((CqlParser.NotExprContext) ctx).expr(), scope), p);
        }
        throw new QueryException(p, "unsupported expression '" + ctx.getText() + "'");
    }

    private Expr inSubquery(List<Expr> operands, CqlParser.SetQueryContext q, boolean negated, Scope scope,
            SourcePosition p) {
        Built sub = setQuery(q, scope, false);
        if (sub.schema.size() != operands.size()) {
            throw new QueryException(pos(q), "In compares " + operands.size() + " value" + (operands.size() == 1 ? "" : "s")
                    + " with a query of " + sub.schema.size() + " column" + (sub.schema.size() == 1 ? "" : "s")
                    + " " + sub.schema.names());
        }
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            Type want = sub.schema.columns().get(i).type();
            Expr o = coerce(operands.get(i), want, null);
            Type have = type(o, scope.visible(), true);
            if (!have.equals(want) && !(have.isNumeric() && want.isNumeric())) {
                throw new QueryException(o.position(), "In compares " + have + " with the query's column '"
                        + sub.schema.columns().get(i).name() + "' of type " + want);
            }
            coerced.add(o);
        }
        SubqueryExpr s = new SubqueryExpr(SubqueryExpr.Kind.IN, negated, coerced, sub.plan, p);
        subqueryTypes.put(s, Type.BOOL);
        return s;
    }

    private Expr primary(CqlParser.PrimaryContext ctx, Scope scope) {
        SourcePosition p = pos(ctx);
        if (ctx instanceof CqlParser.LiteralPrimaryContext) {
            return literal(((CqlParser.LiteralPrimaryContext) ctx).literal().getStart());
        }
        if (ctx instanceof CqlParser.StarCallPrimaryContext) {
            CqlParser.StarCallPrimaryContext c = (CqlParser.StarCallPrimaryContext) ctx;
            String fn = c.fn.getText();
            if (!"count".equalsIgnoreCase(fn)) {
                throw new QueryException(p, "only Count takes '*'; write " + fn + "(column)");
            }
            if (c.DISTINCT() != null) {
                throw new QueryException(pos(c.DISTINCT().getSymbol()), "Count(Distinct …) counts the distinct "
                        + "values of the columns it names, not '*': write Count(Distinct srcIP, destIP)");
            }
            return call("count", List.of(), ctx);
        }
        if (ctx instanceof CqlParser.CallPrimaryContext) {
            CqlParser.CallPrimaryContext c = (CqlParser.CallPrimaryContext) ctx;
            List<Expr> args = new ArrayList<>();
            for (CqlParser.ExprContext a : c.expr()) {
                args.add(expr(a, scope));
            }
            String fn = c.fn.getText().toLowerCase(Locale.ROOT);
            if (functions.scalar(fn) == null && functions.aggregate(fn) == null) {
                throw new QueryException(pos(c.fn), "unknown function '" + c.fn.getText() + "'"
                        + Suggestions.didYouMean(fn, functions.names()));
            }
            if (c.DISTINCT() != null) {
                if (!"count".equals(fn)) {
                    throw new QueryException(pos(c.DISTINCT().getSymbol()), "only Count takes Distinct before its "
                            + "arguments, not " + c.fn.getText());
                }
                if (args.isEmpty()) {
                    throw new QueryException(pos(c.getStop()), "Count(Distinct …) needs the columns whose distinct "
                            + "values it counts: Count(Distinct srcIP)");
                }
                fn = "count_distinct";
            }
            return call(fn, args, ctx);
        }
        if (ctx instanceof CqlParser.ColumnPrimaryContext) {
            List<org.antlr.v4.runtime.tree.TerminalNode> ids = ((CqlParser.ColumnPrimaryContext) ctx).IDENT();
            String qualifier = ids.size() == 2 ? ids.get(0).getText() : null;
            String column = ids.get(ids.size() - 1).getText();
            if (qualifier == null && (functions.scalar(column) != null || functions.aggregate(column) != null)
                    && !scope.hasColumn(column)) {
                throw new QueryException(p, "'" + column + "' is a function, not a column: call it, as in " + column
                        + ("count".equalsIgnoreCase(column) ? "(*)" : "(…)"));
            }
            Scope.Resolved r = scope.resolve(qualifier, column, p);
            return new FieldRef(r.name, p);
        }
        if (ctx instanceof CqlParser.ScalarSubqueryPrimaryContext) {
            Built sub = setQuery(((CqlParser.ScalarSubqueryPrimaryContext) ctx).setQuery(), scope, false);
            if (sub.schema.size() != 1) {
                throw new QueryException(p, "a subquery used as a value must select one column, not "
                        + sub.schema.names());
            }
            SubqueryExpr s = new SubqueryExpr(SubqueryExpr.Kind.SCALAR, false, List.of(), sub.plan, p);
            subqueryTypes.put(s, sub.schema.columns().get(0).type());
            return s;
        }
        return expr(((CqlParser.ParenPrimaryContext) ctx).expr(), scope);
    }

    /** A call, remembered with its text as written for messages ("Count(*)", not "count()"). */
    private CallExpr call(String function, List<Expr> args, CqlParser.PrimaryContext ctx) {
        CallExpr c = new CallExpr(function, args, pos(ctx));
        callTexts.put(c, text(ctx));
        return c;
    }

    /** Rejects an aggregate inside another's arguments (before they are rewritten into the aggregate's columns). */
    private void rejectNestedAggregates(Expr e) {
        ExprRewriter.rewrite(e, x -> {
            if (x instanceof CallExpr && functions.isAggregate(((CallExpr) x).function())) {
                for (Expr a : ((CallExpr) x).arguments()) {
                    rejectAggregate(a, "aggregates can't be nested, and this one is inside '"
                            + callTexts.getOrDefault(x, ((CallExpr) x).function() + "(…)") + "'");
                }
            }
            return x;
        });
    }

    /** Rejects an aggregate call in a place that sees single tuples; {@code why} says why and what to do. */
    private void rejectAggregate(Expr e, String why) {
        List<CallExpr> found = new ArrayList<>();
        ExprRewriter.rewrite(e, x -> {
            if (found.isEmpty() && x instanceof CallExpr && functions.isAggregate(((CallExpr) x).function())) {
                found.add((CallExpr) x);
            }
            return x;
        });
        if (!found.isEmpty()) {
            CallExpr c = found.get(0);
            String written = callTexts.getOrDefault(c, c.function() + "(…)");
            throw new QueryException(c.position(), "'" + written + "' is an aggregate: " + why);
        }
    }

    private static BinaryOperator operator(String symbol) {
        switch (symbol.toUpperCase(Locale.ROOT)) {
            case "=": return BinaryOperator.EQ;
            case "<>":
            case "!=": return BinaryOperator.NE;
            case "AND": return BinaryOperator.AND;
            case "OR": return BinaryOperator.OR;
            default: return BinaryOperator.fromSymbol(symbol);
        }
    }

    /** The expression typer's rule for comparisons, told with the operator as the query writes it. */
    private static void requireComparable(BinaryOperator op, String written, Type l, Type r, SourcePosition p) {
        boolean comparable = l.equals(r) || (numeric(l) && numeric(r));
        if (op == BinaryOperator.EQ || op == BinaryOperator.NE) {
            if (!comparable) {
                throw new QueryException(p, "can't compare " + l + " with " + r + " using '" + written + "'");
            }
        } else if (!comparable || !l.isOrdered()) {
            throw new QueryException(p, "can't order " + l + " against " + r + " with '" + written + "'");
        }
    }

    private static boolean numeric(Type t) {
        return t.equals(Type.INT) || t.equals(Type.FLOAT);
    }

    /** A string literal compared with a typed value is read as that type ({@code destPort = '80'}). */
    private static Expr coerce(Expr e, Type target, Expr other) {
        if (!(e instanceof Literal) || !(((Literal) e).value() instanceof String) || target == null
                || target.equals(Type.STRING) || target.equals(Type.ANY)) {
            return e;
        }
        String text = (String) ((Literal) e).value();
        String against = other instanceof FieldRef ? " (compared with " + ((FieldRef) other).name()
                .substring(((FieldRef) other).name().lastIndexOf('.') + 1) + ")" : "";
        try {
            switch (target.kind()) {
                case INT:
                case TIMESTAMP:
                case DURATION:
                    return new Literal(Long.parseLong(text.trim()), target, e.position());
                case FLOAT:
                    return new Literal(Double.parseDouble(text.trim()), Type.FLOAT, e.position());
                case IP:
                    return new Literal(IpAddress.parse(text.trim()), Type.IP, e.position());
                case BOOL:
                    if ("true".equalsIgnoreCase(text.trim()) || "false".equalsIgnoreCase(text.trim())) {
                        return new Literal(Boolean.parseBoolean(text.trim()), Type.BOOL, e.position());
                    }
                    break;
                default:
                    break;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new QueryException(e.position(), "the literal '" + text + "' can't be read as " + target + against);
    }

    private static Literal literal(Token t) {
        SourcePosition p = pos(t);
        switch (t.getType()) {
            case CqlLexer.INT:
                return new Literal(parseInt(t), Type.INT, p);
            case CqlLexer.FLOAT:
                return new Literal(Double.parseDouble(t.getText()), Type.FLOAT, p);
            case CqlLexer.STRING:
                String s = t.getText();
                return new Literal(s.substring(1, s.length() - 1).replace("''", "'"), Type.STRING, p);
            case CqlLexer.TRUE:
                return new Literal(true, Type.BOOL, p);
            case CqlLexer.FALSE:
                return new Literal(false, Type.BOOL, p);
            default:
                throw new QueryException(p, "Null is not a value: test whether a value is absent with IS NULL or "
                        + "IS NOT NULL");
        }
    }

    private static long parseInt(Token t) {
        try {
            return Long.parseLong(t.getText());
        } catch (NumberFormatException e) {
            throw new QueryException(pos(t), "integer '" + t.getText() + "' does not fit in 64 bits");
        }
    }

    private Type type(Expr e, Schema schema, boolean aggregates) {
        return new ExprTyper(schema, Map.of(), functions, aggregates, subqueryTypes::get).type(e);
    }

    private void requireBool(Expr e, Schema schema, boolean aggregates, String what) {
        Type t = type(e, schema, aggregates);
        if (!t.equals(Type.BOOL)) {
            throw new QueryException(e.position(), what + " must be true or false, not " + t);
        }
    }
}
