package org.intstream.query.function;

import java.util.List;
import org.intstream.query.type.Type;

/**
 * A user-defined (or built-in) windowed aggregate, such as {@code sum(len)} or CQL's {@code ExpDecAvg(num)}.
 * Absent arguments are skipped (SQL semantics) unless {@link #acceptsAbsent()} says otherwise.
 */
public interface AggregateFunction {

    String name();

    /** @throws IllegalArgumentException naming the wrong argument and what was expected */
    Type resultType(List<Type> argumentTypes);

    /** A fresh accumulator for one group of one window. */
    Accumulator newAccumulator(List<Type> argumentTypes);

    default boolean acceptsAbsent() {
        return false;
    }

    String signature();

    String description();
}
