package org.intstream.engine.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.engine.record.Record;
import org.intstream.engine.record.RowRecord;
import org.intstream.query.QueryException;
import org.intstream.query.check.ExprTyper;
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
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.function.ScalarFunction;
import org.intstream.query.plan.Schema;
import org.intstream.query.type.Type;

/**
 * Compiles a checked, bound expression into an {@link Evaluator} over a schema: packet fields read their
 * catalogue slots, row columns their positions. Constant subexpressions are computed once.
 */
public final class ExprCompiler {
    private final Schema schema;
    private final FunctionRegistry functions;
    private final java.util.function.Function<org.intstream.query.expr.SubqueryExpr, Evaluator> subqueries;
    private final java.util.function.Function<org.intstream.query.expr.SubqueryExpr, Type> subqueryTypes;

    public ExprCompiler(Schema schema, FunctionRegistry functions) {
        this(schema, functions, null, null);
    }

    /**
     * For CQL: {@code subqueries} compiles a subquery expression (the engine evaluates its plan against the
     * current rows), {@code subqueryTypes} gives its type.
     */
    public ExprCompiler(Schema schema, FunctionRegistry functions,
            java.util.function.Function<org.intstream.query.expr.SubqueryExpr, Evaluator> subqueries,
            java.util.function.Function<org.intstream.query.expr.SubqueryExpr, Type> subqueryTypes) {
        this.schema = schema;
        this.functions = functions;
        this.subqueries = subqueries;
        this.subqueryTypes = subqueryTypes;
    }

    public Schema schema() {
        return schema;
    }

    /** The record column a name reads: a catalogue slot for packets, a position for rows. */
    public int column(String name) {
        if (schema.isPackets()) {
            Field f = FieldCatalog.lookup(name);
            return f == null ? -1 : f.slot();
        }
        return schema.indexOf(name);
    }

    public Type typeOf(Expr e) {
        return new ExprTyper(schema, Map.of(), functions, false, subqueryTypes).type(e);
    }

    public Evaluator compile(Expr e) {
        Evaluator ev = build(e);
        if (ev.isConstant() || !isFoldable(e)) {
            return ev;
        }
        return new ConstantEvaluator(ev.eval(new RowRecord(new Object[0], 0)), ev.type());
    }

    /** Literals and calls of built-in functions over literals fold; anything reading a column does not. */
    private boolean isFoldable(Expr e) {
        if (e instanceof Literal) {
            return true;
        }
        if (e instanceof FieldRef || e instanceof ParamRef) {
            return false;
        }
        if (e instanceof org.intstream.query.expr.SubqueryExpr) {
            return false;
        }
        if (e instanceof UnaryExpr) {
            return isFoldable(((UnaryExpr) e).operand());
        }
        if (e instanceof BinaryExpr) {
            return isFoldable(((BinaryExpr) e).left()) && isFoldable(((BinaryExpr) e).right());
        }
        CallExpr c = (CallExpr) e;
        if (functions.scalar(c.function()) == null) {
            return false;
        }
        for (Expr a : c.arguments()) {
            if (!isFoldable(a)) {
                return false;
            }
        }
        return true;
    }

    private Evaluator build(Expr e) {
        if (e instanceof Literal) {
            return new ConstantEvaluator(((Literal) e).value(), ((Literal) e).type());
        }
        if (e instanceof ParamRef) {
            throw new QueryException(e.position(), "parameter '" + ((ParamRef) e).name() + "' was not bound");
        }
        if (e instanceof FieldRef) {
            String name = ((FieldRef) e).name();
            int col = column(name);
            if (col < 0) {
                typeOf(e); // throws the checker's message
            }
            Type t = typeOf(e);
            if (schema.isPackets()) {
                Evaluator fast = PacketFieldEvaluator.forSlot(col, t);
                if (fast != null) {
                    return fast;
                }
            }
            return new ColumnEvaluator(col, t);
        }
        if (e instanceof UnaryExpr) {
            UnaryExpr u = (UnaryExpr) e;
            Evaluator operand = compile(u.operand());
            switch (u.operator()) {
                case NOT:
                    return new LogicEvaluator(LogicEvaluator.Kind.NOT, operand, null);
                case NEGATE:
                    return new NegateEvaluator(operand);
                default:
                    return new PresenceEvaluator(operand, u.operator() == UnaryOperator.IS_PRESENT);
            }
        }
        if (e instanceof BinaryExpr) {
            BinaryExpr b = (BinaryExpr) e;
            Evaluator l = compile(b.left());
            Evaluator r = compile(b.right());
            BinaryOperator op = b.operator();
            switch (op) {
                case AND:
                    return new LogicEvaluator(LogicEvaluator.Kind.AND, l, r);
                case OR:
                    return new LogicEvaluator(LogicEvaluator.Kind.OR, l, r);
                case IN:
                    return new PrefixMatchEvaluator(l, r);
                default:
                    if (op.isComparison()) {
                        return new ComparisonEvaluator(op, l, r);
                    }
                    return new ArithmeticEvaluator(op, l, r, typeOf(e));
            }
        }
        if (e instanceof org.intstream.query.expr.SubqueryExpr) {
            if (subqueries == null) {
                throw new QueryException(e.position(), "subqueries belong to CQL queries");
            }
            return subqueries.apply((org.intstream.query.expr.SubqueryExpr) e);
        }
        CallExpr c = (CallExpr) e;
        if (functions.isAggregate(c.function())) {
            throw new QueryException(c.position(), c.function() + "() is an aggregate: use it in 'reduce'");
        }
        List<Evaluator> args = new ArrayList<>();
        for (Expr a : c.arguments()) {
            args.add(compile(a));
        }
        switch (c.function()) {
            case "mask":
                return new MaskEvaluator(args.get(0), args.get(1));
            case "if":
                return new ConditionalEvaluator(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : null);
            default:
                ScalarFunction f = functions.scalar(c.function());
                if (f == null) {
                    typeOf(e); // the checker's "unknown function" message
                }
                return new FunctionEvaluator(f, args, typeOf(e));
        }
    }

    /** Evaluates a bound constant expression (window sizes, sketch arguments). */
    public static Object constant(Expr e, FunctionRegistry functions) {
        ExprCompiler c = new ExprCompiler(Schema.of(List.of()), functions);
        Evaluator ev = c.compile(e);
        if (!ev.isConstant()) {
            throw new QueryException(e.position(), "'" + e + "' must be a constant");
        }
        Record none = new RowRecord(new Object[0], 0);
        return ev.eval(none);
    }
}
