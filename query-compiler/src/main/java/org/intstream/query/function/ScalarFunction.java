package org.intstream.query.function;

import java.util.List;
import org.intstream.query.type.Type;

/**
 * A user-defined (or built-in) scalar function, such as {@code mask(ip, bits)} or CQL's {@code isSyn(flags)}.
 * Register instances with a {@link FunctionRegistry}, or list a {@link FunctionProvider} in
 * {@code META-INF/services} so queries can call them by name.
 */
public interface ScalarFunction {

    /** The name queries call it by (case-insensitive). */
    String name();

    /**
     * The result type for these argument types.
     *
     * @throws IllegalArgumentException with a message saying which argument is wrong and what was expected
     */
    Type resultType(List<Type> argumentTypes);

    /**
     * Computes the result. Values are as in {@link org.intstream.query.expr.Literal}; null is absent. Unless
     * {@link #acceptsAbsent()} is true, this is never called with an absent argument: the result is absent.
     */
    Object apply(Object[] arguments);

    /** True when the function handles absent arguments itself (like {@code coalesce}). */
    default boolean acceptsAbsent() {
        return false;
    }

    /** {@code name(arg types) -> result}, for messages and documentation. */
    String signature();

    /** One sentence saying what it computes. */
    String description();
}
