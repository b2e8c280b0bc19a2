package org.intstream.query.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.SourcePosition;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.CallExpr;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprRewriter;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.ParamRef;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.plan.FilterNode;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.type.Durations;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/**
 * Starting points of expressions: fields, parameters, constants of every type, function calls, and DSL
 * text.
 *
 * <pre>{@code
 * import static org.intstream.query.api.Exprs.*;
 *
 * field("ip.proto").eq(6).and(field("tcp.flags.syn")).and(field("tcp.flags.ack").not())
 * field("ip.dst").in(prefix("10.0.0.0/8"))
 * call("mask", field("ip.src"), lit(24)).as("subnet")
 * parse("tcp.flags.syn and not tcp.flags.ack")
 * }</pre>
 *
 * A name is a parameter when the query declares a parameter of that name, as in the DSL:
 * {@code field("threshold")} and {@code param("threshold")} mean the same in a query with a
 * {@code threshold} parameter, and {@code param} of an undeclared name is an error when the expression is
 * used.
 */
public final class Exprs {
    /** What precedes an expression text to read it as a filter condition; it ends a line of its own. */
    private static final String FILTER_PREFIX = "query expression packets | filter\n";

    private Exprs() {
    }

    /** A packet field ({@code ip.src}) or a column of the input ({@code ports}). */
    public static Expression field(String name) {
        return new Expression(FieldRef.of(Names.qualified(name, "field name")));
    }

    /** A reference to a parameter declared with {@link Query#param}. */
    public static Expression param(String name) {
        return new Expression(ParamRef.of(Names.ident(name, "parameter name")));
    }

    public static Expression lit(long value) {
        return new Expression(Literal.ofInt(value));
    }

    public static Expression lit(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the query language has no constant for " + value);
        }
        return new Expression(Literal.ofFloat(value));
    }

    public static Expression lit(boolean value) {
        return new Expression(Literal.ofBool(value));
    }

    public static Expression lit(String value) {
        return new Expression(Literal.ofString(Objects.requireNonNull(value, "string value can't be null")));
    }

    /** A duration, kept in microseconds as the engine counts time. */
    public static Expression lit(Duration value) {
        return new Expression(Literal.ofDuration(micros(value, "duration")));
    }

    /** A duration written as in the DSL: {@code 10s}, {@code 250ms}, {@code 2min}. */
    public static Expression duration(String text) {
        Objects.requireNonNull(text, "duration text can't be null");
        Long micros = Durations.parse(text);
        if (micros == null) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write digits and a unit"
                    + " (us, ms, s, m, min, h), like 10s");
        }
        return new Expression(Literal.ofDuration(micros));
    }

    /** An IPv4 or IPv6 address: {@code ip("10.0.0.1")}, {@code ip("fe80::1")}. */
    public static Expression ip(String text) {
        Objects.requireNonNull(text, "address text can't be null");
        IpAddress a = IpAddress.tryParse(text);
        if (a == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
        }
        return new Expression(Literal.ofIp(a));
    }

    /** An address prefix: {@code prefix("10.0.0.0/8")}, {@code prefix("fd00::/8")}; host bits are cleared. */
    public static Expression prefix(String text) {
        Objects.requireNonNull(text, "prefix text can't be null");
        return new Expression(Literal.ofPrefix(IpPrefix.parse(text)));
    }

    /** A point in time, in microseconds since the Unix epoch (the DSL's {@code timestamp(n)}). */
    public static Expression timestamp(long micros) {
        return new Expression(new Literal(micros, Type.TIMESTAMP, null));
    }

    public static Expression timestamp(Instant instant) {
        Objects.requireNonNull(instant, "instant can't be null");
        try {
            return timestamp(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                    instant.getNano() / 1_000));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(instant + " is too far from 1970 for a timestamp in microseconds", e);
        }
    }

    /**
     * A call of a scalar function ({@code mask}, {@code if}, {@code coalesce}, …) or, in {@code reduce}, of an
     * aggregate ({@link Aggregates} has them by name). As in the DSL, {@code ip}, {@code prefix} and
     * {@code timestamp} of a constant are constants.
     */
    public static Expression call(String function, Expression... arguments) {
        Names.ident(function, "function name");
        Objects.requireNonNull(arguments, "arguments can't be null");
        List<Expr> args = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            Objects.requireNonNull(arguments[i], "argument " + (i + 1) + " of " + function + "(...) can't be null");
            args.add(arguments[i].expr());
        }
        if (args.size() == 1 && args.get(0) instanceof Literal) {
            Object value = ((Literal) args.get(0)).value();
            String f = function.toLowerCase(Locale.ROOT);
            if (f.equals("ip") && value instanceof String) {
                return ip((String) value);
            }
            if (f.equals("prefix") && value instanceof String) {
                return prefix((String) value);
            }
            if (f.equals("timestamp") && value instanceof Long) {
                return timestamp((Long) value);
            }
        }
        return new Expression(new CallExpr(function, args, null));
    }

    public static Expression not(Expression operand) {
        return Objects.requireNonNull(operand, "the operand of 'not' can't be null").not();
    }

    /**
     * An expression written in the DSL: {@code parse("ip.proto == 6 and not tcp.flags.ack")}. Names are
     * fields until used in a query that declares parameters of those names.
     *
     * @throws QueryException naming the line and column of a syntax error in {@code text}
     */
    public static Expression parse(String text) {
        Objects.requireNonNull(text, "expression text can't be null");
        List<QueryDefinition> parsed;
        try {
            parsed = DslParser.parse(FILTER_PREFIX + text);
        } catch (QueryException e) {
            SourcePosition p = e.position();
            // The text starts on the second line of what was parsed.
            SourcePosition inText = p.line() > 1 ? new SourcePosition(p.line() - 1, p.column())
                    : SourcePosition.UNKNOWN;
            throw new QueryException("expression", inText, e.reason());
        }
        if (parsed.size() != 1 || !(parsed.get(0).plan() instanceof FilterNode)
                || !(parsed.get(0).plan().input() instanceof ScanNode)) {
            throw new QueryException("expression", SourcePosition.UNKNOWN, "'" + text
                    + "' is not one expression ('|' and 'query' have no place in it)");
        }
        return new Expression(withoutPositions(((FilterNode) parsed.get(0).plan()).condition()));
    }

    /** Positions in the parsed text mean nothing in a query built in Java. */
    private static Expr withoutPositions(Expr e) {
        return ExprRewriter.rewrite(e, n -> {
            if (n instanceof Literal) {
                return new Literal(((Literal) n).value(), ((Literal) n).type(), null);
            }
            if (n instanceof FieldRef) {
                return FieldRef.of(((FieldRef) n).name());
            }
            if (n instanceof ParamRef) {
                return ParamRef.of(((ParamRef) n).name());
            }
            if (n instanceof UnaryExpr) {
                return new UnaryExpr(((UnaryExpr) n).operator(), ((UnaryExpr) n).operand(), null);
            }
            if (n instanceof BinaryExpr) {
                BinaryExpr b = (BinaryExpr) n;
                return BinaryExpr.of(b.operator(), b.left(), b.right());
            }
            CallExpr c = (CallExpr) n;
            return new CallExpr(c.function(), c.arguments(), null);
        });
    }

    /** Microseconds of a Java duration, refusing what a microsecond count can't hold. */
    static long micros(Duration d, String what) {
        Objects.requireNonNull(d, what + " can't be null");
        if (d.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException(what + " " + d + " is finer than a microsecond");
        }
        try {
            return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " " + d + " is too long to count in microseconds", e);
        }
    }
}
