package org.intstream.query.expr;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;

/**
 * A call of a scalar function ({@code mask(ip.src, 24)}) or, inside {@code reduce}, of an aggregate
 * function ({@code count()}, {@code sum(len)}). Function names are case-insensitive and kept lower case.
 */
public final class CallExpr extends Expr {
    private final String function;
    private final List<Expr> arguments;

    public CallExpr(String function, List<Expr> arguments, SourcePosition position) {
        super(position);
        this.function = Objects.requireNonNull(function, "function name can't be null").toLowerCase();
        this.arguments = List.copyOf(arguments);
    }

    public static CallExpr of(String function, Expr... arguments) {
        return new CallExpr(function, List.of(arguments), null);
    }

    public String function() {
        return function;
    }

    public List<Expr> arguments() {
        return arguments;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitCall(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallExpr && ((CallExpr) o).function.equals(function)
                && ((CallExpr) o).arguments.equals(arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(function, arguments);
    }
}
