package org.intstream.query.function;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The functions queries can call: the built-ins, those registered in code, and those that
 * {@link FunctionProvider}s on the class path supply. Names are case-insensitive; a name is either a scalar
 * function or an aggregate, never both.
 */
public final class FunctionRegistry {
    private final Map<String, ScalarFunction> scalars = new TreeMap<>();
    private final Map<String, AggregateFunction> aggregates = new TreeMap<>();

    /** A registry with the built-ins only. */
    public static FunctionRegistry builtins() {
        FunctionRegistry r = new FunctionRegistry();
        BuiltinScalars.all().forEach(r::register);
        BuiltinAggregates.all().forEach(r::register);
        return r;
    }

    /** The built-ins plus every function that a {@link FunctionProvider} on the class path supplies. */
    public static FunctionRegistry withProviders(ClassLoader loader) {
        FunctionRegistry r = builtins();
        for (FunctionProvider p : ServiceLoader.load(FunctionProvider.class, loader)) {
            p.scalarFunctions().forEach(r::register);
            p.aggregateFunctions().forEach(r::register);
        }
        return r;
    }

    public FunctionRegistry register(ScalarFunction f) {
        String key = f.name().toLowerCase();
        if (aggregates.containsKey(key)) {
            throw new IllegalArgumentException("'" + key + "' is already an aggregate function");
        }
        scalars.put(key, f);
        return this;
    }

    public FunctionRegistry register(AggregateFunction f) {
        String key = f.name().toLowerCase();
        if (scalars.containsKey(key)) {
            throw new IllegalArgumentException("'" + key + "' is already a scalar function");
        }
        aggregates.put(key, f);
        return this;
    }

    /** A copy that can be extended without changing this one. */
    public FunctionRegistry copy() {
        FunctionRegistry r = new FunctionRegistry();
        r.scalars.putAll(scalars);
        r.aggregates.putAll(aggregates);
        return r;
    }

    public ScalarFunction scalar(String name) {
        return scalars.get(name.toLowerCase());
    }

    public AggregateFunction aggregate(String name) {
        return aggregates.get(name.toLowerCase());
    }

    public boolean isAggregate(String name) {
        return aggregates.containsKey(name.toLowerCase());
    }

    public Collection<ScalarFunction> scalars() {
        return scalars.values();
    }

    public Collection<AggregateFunction> aggregates() {
        return aggregates.values();
    }

    public List<String> names() {
        List<String> all = new ArrayList<>(scalars.keySet());
        all.addAll(aggregates.keySet());
        return all;
    }
}
