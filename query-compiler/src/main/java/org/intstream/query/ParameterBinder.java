package org.intstream.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.query.check.Suggestions;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.ParamRef;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanRewriter;
import org.intstream.query.type.Durations;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/**
 * Binds a query's parameters: values given at run time ({@code --param threshold=100}) override the
 * defaults, each read as the parameter's type, and every parameter reference in the plan becomes a literal.
 */
public final class ParameterBinder {
    private ParameterBinder() {
    }

    /**
     * The plan with parameters replaced by values.
     *
     * @param overrides parameter name to text; names the query doesn't declare are an error
     */
    public static LogicalPlan bind(QueryDefinition q, Map<String, String> overrides) {
        Map<String, Literal> values = values(q, overrides);
        return PlanRewriter.mapExprs(q.plan(), e -> e instanceof ParamRef ? values.get(((ParamRef) e).name()) : e);
    }

    /** The value of every parameter after overrides. */
    public static Map<String, Literal> values(QueryDefinition q, Map<String, String> overrides) {
        Map<String, Literal> values = new HashMap<>();
        for (Parameter p : q.parameters()) {
            values.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            Parameter p = q.parameter(o.getKey());
            if (p == null) {
                List<String> names = new ArrayList<>();
                q.parameters().forEach(x -> names.add(x.name()));
                throw new QueryException(null, "query " + q.name() + " has no parameter '" + o.getKey() + "'"
                        + Suggestions.didYouMean(o.getKey(), names)
                        + (names.isEmpty() ? "; it takes none" : "; its parameters are " + names));
            }
            values.put(p.name(), parse(q.name(), p, o.getValue()));
        }
        return values;
    }

    /** Reads a parameter value given as text, as the parameter's type. */
    public static Literal parse(String query, Parameter p, String text) {
        String t = text.trim();
        Object v;
        try {
            v = convert(p.type(), t);
        } catch (IllegalArgumentException e) {
            v = null;
        }
        if (v == null) {
            throw new QueryException(null, "parameter '" + p.name() + "' of query " + query + " is "
                    + describe(p.type()) + ", and '" + text + "' is not");
        }
        return new Literal(v, p.type(), null);
    }

    private static Object convert(Type type, String t) {
        switch (type.kind()) {
            case INT:
                return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
            case FLOAT:
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? d : null;
            case DURATION:
                return Durations.parse(t);
            case TIMESTAMP:
                return Long.parseLong(t);
            case BOOL:
                return "true".equalsIgnoreCase(t) ? Boolean.TRUE : "false".equalsIgnoreCase(t) ? Boolean.FALSE : null;
            case STRING:
                return t;
            case IP:
                return IpAddress.tryParse(t);
            case PREFIX:
                return IpPrefix.parse(t);
            default:
                return null;
        }
    }

    private static String describe(Type t) {
        switch (t.kind()) {
            case INT: return "an integer";
            case FLOAT: return "a number";
            case DURATION: return "a duration (like 500ms, 10s, 5m)";
            case BOOL: return "true or false";
            case IP: return "an IP address";
            case PREFIX: return "a prefix (like 10.0.0.0/8)";
            default: return "a " + t;
        }
    }
}
