package org.intstream.query.api;

import java.util.Objects;
import java.util.Set;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprRewriter;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.ParamRef;

/**
 * Resolves names in an expression as the DSL parser does: a name that a parameter of the query carries is
 * that parameter. A parameter reference to an undeclared name is an error.
 */
final class Resolver {
    private final String query;
    private final Set<String> parameters;

    Resolver(String query, Set<String> parameters) {
        this.query = query;
        this.parameters = parameters;
    }

    /** The expression tree of {@code e}; {@code what} names it in the message when it is null. */
    Expr resolve(Expression e, String what) {
        Objects.requireNonNull(e, what + " can't be null");
        return ExprRewriter.rewrite(e.expr(), n -> {
            if (n instanceof FieldRef && parameters.contains(((FieldRef) n).name())) {
                return ParamRef.of(((FieldRef) n).name());
            }
            if (n instanceof ParamRef && !parameters.contains(((ParamRef) n).name())) {
                String name = ((ParamRef) n).name();
                throw new IllegalArgumentException("unknown parameter '" + name + "' in " + what + ": declare it"
                        + " with Query.named(\"" + query + "\").param(\"" + name + "\", <default value>)"
                        + (parameters.isEmpty() ? "" : " (declared: " + String.join(", ", parameters) + ")"));
            }
            return n;
        });
    }
}
