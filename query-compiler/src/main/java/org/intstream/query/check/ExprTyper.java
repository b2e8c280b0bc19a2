package org.intstream.query.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.intstream.query.QueryException;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprVisitor;
import org.intstream.query.expr.FieldCatalog;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.ParamRef;
import org.intstream.query.expr.SubqueryExpr;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.function.AggregateFunction;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.function.ScalarFunction;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.Schema;
import org.intstream.query.type.Type;

/**
 * Gives an expression its type over a schema, or throws a {@link QueryException} at the offending
 * sub-expression: unknown names (with a did-you-mean), operators over the wrong types ({@code ip.src > 5}),
 * aggregates outside {@code reduce}, wrong function arguments.
 */
public final class ExprTyper implements ExprVisitor<Type> {
    private final Schema schema;
    private final Map<String, Type> parameters;
    private final FunctionRegistry functions;
    private final boolean aggregatesAllowed;
    private final java.util.function.Function<SubqueryExpr, Type> subqueries;
    private boolean insideAggregate;

    public ExprTyper(Schema schema, Map<String, Type> parameters, FunctionRegistry functions,
            boolean aggregatesAllowed) {
        this(schema, parameters, functions, aggregatesAllowed, null);
    }

    /** @param subqueries the type of a CQL subquery expression (its single column, or bool), or null */
    public ExprTyper(Schema schema, Map<String, Type> parameters, FunctionRegistry functions,
            boolean aggregatesAllowed, java.util.function.Function<SubqueryExpr, Type> subqueries) {
        this.schema = schema;
        this.parameters = parameters;
        this.functions = functions;
        this.aggregatesAllowed = aggregatesAllowed;
        this.subqueries = subqueries;
    }

    @Override
    public Type visitSubquery(SubqueryExpr s) {
        if (subqueries == null) {
            throw new QueryException(s.position(), "subqueries belong to CQL queries");
        }
        for (Expr o : s.operands()) {
            type(o);
        }
        return subqueries.apply(s);
    }

    public Type type(Expr e) {
        return e.accept(this);
    }

    /** True when the expression calls an aggregate function somewhere. */
    public static boolean containsAggregate(Expr e, FunctionRegistry functions) {
        if (e instanceof CallExpr) {
            CallExpr c = (CallExpr) e;
            if (functions.isAggregate(c.function())) {
                return true;
            }
            for (Expr a : c.arguments()) {
                if (containsAggregate(a, functions)) {
                    return true;
                }
            }
            return false;
        }
        if (e instanceof UnaryExpr) {
            return containsAggregate(((UnaryExpr) e).operand(), functions);
        }
        if (e instanceof BinaryExpr) {
            return containsAggregate(((BinaryExpr) e).left(), functions)
                    || containsAggregate(((BinaryExpr) e).right(), functions);
        }
        return false;
    }

    /**
     * The first name read outside every aggregate call ({@code len} in {@code count() + len}), or null. In a
     * reduce such a name has no single value per group.
     */
    public static FieldRef fieldOutsideAggregate(Expr e, FunctionRegistry functions) {
        if (e instanceof FieldRef) {
            return (FieldRef) e;
        }
        if (e instanceof CallExpr) {
            CallExpr c = (CallExpr) e;
            if (functions.isAggregate(c.function())) {
                return null;
            }
            for (Expr a : c.arguments()) {
                FieldRef f = fieldOutsideAggregate(a, functions);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }
        if (e instanceof UnaryExpr) {
            return fieldOutsideAggregate(((UnaryExpr) e).operand(), functions);
        }
        if (e instanceof BinaryExpr) {
            FieldRef f = fieldOutsideAggregate(((BinaryExpr) e).left(), functions);
            return f != null ? f : fieldOutsideAggregate(((BinaryExpr) e).right(), functions);
        }
        return null;
    }

    @Override
    public Type visitLiteral(Literal literal) {
        return literal.type();
    }

    @Override
    public Type visitField(FieldRef field) {
        Column c = schema.column(field.name());
        if (c != null) {
            return c.type();
        }
        List<String> candidates = new ArrayList<>(schema.names());
        candidates.addAll(parameters.keySet());
        String hint = Suggestions.didYouMean(field.name(), candidates);
        if (!schema.isPackets() && FieldCatalog.lookup(field.name()) != null) {
            throw new QueryException(field.position(), "'" + field.name()
                    + "' is a packet field, but here the columns are " + schema.names() + hint);
        }
        if (hint.isEmpty() && schema.isPackets()) {
            hint = " (see the field catalogue: intstream fields)";
        }
        throw new QueryException(field.position(), "unknown field '" + field.name() + "'" + hint);
    }

    @Override
    public Type visitParam(ParamRef param) {
        Type t = parameters.get(param.name());
        if (t == null) {
            throw new QueryException(param.position(), "unknown parameter '" + param.name() + "'"
                    + Suggestions.didYouMean(param.name(), new TreeSet<>(parameters.keySet())));
        }
        return t;
    }

    @Override
    public Type visitUnary(UnaryExpr u) {
        Type t = type(u.operand());
        switch (u.operator()) {
            case NOT:
                require(u, t.equals(Type.BOOL), "'not' needs a bool, not " + t);
                return Type.BOOL;
            case NEGATE:
                require(u, t.equals(Type.INT) || t.equals(Type.FLOAT) || t.equals(Type.DURATION),
                        "'-' needs an int, float or duration, not " + t);
                return t;
            default:
                return Type.BOOL;
        }
    }

    @Override
    public Type visitBinary(BinaryExpr b) {
        Type l = type(b.left());
        Type r = type(b.right());
        BinaryOperator op = b.operator();
        String sides = " (left is " + l + ", right is " + r + ")";
        switch (op) {
            case AND:
            case OR:
                require(b, l.equals(Type.BOOL) && r.equals(Type.BOOL), "'" + op.symbol() + "' needs bools" + sides);
                return Type.BOOL;
            case IN:
                require(b, l.equals(Type.IP) && r.equals(Type.PREFIX),
                        "'in' tests an ip against a prefix such as 10.0.0.0/8" + sides);
                return Type.BOOL;
            case EQ:
            case NE:
                require(b, comparable(l, r), "can't compare " + l + " with " + r + " using '" + op.symbol() + "'");
                return Type.BOOL;
            case LT:
            case LE:
            case GT:
            case GE:
                require(b, comparable(l, r) && l.isOrdered(),
                        "can't order " + l + " against " + r + " with '" + op.symbol() + "'");
                return Type.BOOL;
            case BIT_AND:
            case BIT_XOR:
            case SHIFT_LEFT:
            case SHIFT_RIGHT:
                require(b, l.equals(Type.INT) && r.equals(Type.INT), "'" + op.symbol() + "' needs ints" + sides);
                return Type.INT;
            case MODULO:
                require(b, l.equals(Type.INT) && r.equals(Type.INT), "'%' needs ints" + sides);
                return Type.INT;
            default:
                return arithmetic(b, op, l, r, sides);
        }
    }

    private static boolean numeric(Type t) {
        return t.equals(Type.INT) || t.equals(Type.FLOAT);
    }

    private static boolean comparable(Type l, Type r) {
        return l.equals(r) || (numeric(l) && numeric(r));
    }

    private Type arithmetic(BinaryExpr b, BinaryOperator op, Type l, Type r, String sides) {
        if (numeric(l) && numeric(r)) {
            if (op == BinaryOperator.DIVIDE) {
                return Type.FLOAT;
            }
            if (op == BinaryOperator.INT_DIVIDE) {
                require(b, l.equals(Type.INT) && r.equals(Type.INT), "'//' needs ints" + sides);
                return Type.INT;
            }
            return l.equals(Type.FLOAT) || r.equals(Type.FLOAT) ? Type.FLOAT : Type.INT;
        }
        boolean ts = l.equals(Type.TIMESTAMP);
        boolean dur = l.equals(Type.DURATION);
        switch (op) {
            case ADD:
                if ((ts && r.equals(Type.DURATION)) || (dur && r.equals(Type.TIMESTAMP))) {
                    return Type.TIMESTAMP;
                }
                if (dur && r.equals(Type.DURATION)) {
                    return Type.DURATION;
                }
                break;
            case SUBTRACT:
                if (ts && r.equals(Type.TIMESTAMP)) {
                    return Type.DURATION;
                }
                if (ts && r.equals(Type.DURATION)) {
                    return Type.TIMESTAMP;
                }
                if (dur && r.equals(Type.DURATION)) {
                    return Type.DURATION;
                }
                break;
            case MULTIPLY:
                if ((dur && r.equals(Type.INT)) || (l.equals(Type.INT) && r.equals(Type.DURATION))) {
                    return Type.DURATION;
                }
                break;
            case DIVIDE:
                if (dur && r.equals(Type.DURATION)) {
                    return Type.FLOAT;
                }
                break;
            case INT_DIVIDE:
                if (dur && r.equals(Type.INT)) {
                    return Type.DURATION;
                }
                break;
            default:
                break;
        }
        throw new QueryException(b.position(), "'" + op.symbol() + "' does not apply to " + l + " and " + r);
    }

    @Override
    public Type visitCall(CallExpr c) {
        AggregateFunction agg = functions.aggregate(c.function());
        if (agg != null) {
            if (!aggregatesAllowed) {
                throw new QueryException(c.position(), c.function()
                        + "() is an aggregate: use it in 'reduce', not here");
            }
            if (insideAggregate) {
                throw new QueryException(c.position(), "aggregates can't be nested: " + c.function()
                        + "() inside another aggregate");
            }
            insideAggregate = true;
            try {
                return resultType(c, argumentTypes(c), agg.name(), agg::resultType);
            } finally {
                insideAggregate = false;
            }
        }
        ScalarFunction f = functions.scalar(c.function());
        if (f == null) {
            throw new QueryException(c.position(), "unknown function '" + c.function() + "'"
                    + Suggestions.didYouMean(c.function(), functions.names()));
        }
        return resultType(c, argumentTypes(c), f.name(), f::resultType);
    }

    private List<Type> argumentTypes(CallExpr c) {
        List<Type> types = new ArrayList<>();
        for (Expr a : c.arguments()) {
            types.add(type(a));
        }
        return types;
    }

    private interface Signature {
        Type resultType(List<Type> args);
    }

    private static Type resultType(CallExpr c, List<Type> args, String name, Signature signature) {
        try {
            return signature.resultType(args);
        } catch (IllegalArgumentException e) {
            throw new QueryException(c.position(), e.getMessage());
        }
    }

    private static void require(Expr at, boolean ok, String message) {
        if (!ok) {
            throw new QueryException(at.position(), message);
        }
    }
}
