package org.intstream.query.function;

import java.util.List;

/** Supplies user-defined functions; found through {@link java.util.ServiceLoader}. */
public interface FunctionProvider {

    List<ScalarFunction> scalarFunctions();

    List<AggregateFunction> aggregateFunctions();
}
