package org.intstream.query.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.intstream.query.Parameter;
import org.intstream.query.QueryDefinition;
import org.intstream.query.expr.Literal;

/**
 * The start of a query written in Java: its name, its parameters with their defaults, and the stream it
 * reads. The stages that follow have the shape of the DSL, and {@code build()} gives the same
 * {@link QueryDefinition} the DSL text gives:
 *
 * <pre>{@code
 * import static org.intstream.query.api.Exprs.*;
 *
 * QueryDefinition portScan = Query.named("port_scan")
 *         .param("threshold", 100)
 *         .param("window", Duration.ofSeconds(10))
 *         .packets()
 *         .filter(field("tcp.flags.syn").and(field("tcp.flags.ack").not()))
 *         .window(Windows.tumbling(param("window")))
 *         .map(field("ip.src"), field("l4.dport"))
 *         .distinct()
 *         .reduce(Aggregates.count().as("ports")).by(field("ip.src").as("src"))
 *         .filter(field("ports").gt(param("threshold")))
 *         .build();
 * }</pre>
 *
 * is the query of this text:
 *
 * <pre>{@code
 * query port_scan(threshold = 100, window = 10s)
 *   packets
 *   | filter tcp.flags.syn and not tcp.flags.ack
 *   | window tumbling window
 *   | map ip.src, l4.dport
 *   | distinct
 *   | reduce count() as ports by ip.src as src
 *   | filter ports > threshold
 * }</pre>
 *
 * Immutable: {@code param} and {@code describedAs} return copies.
 */
public final class Query {
    private final String name;
    private final List<Parameter> parameters;
    private final String description;

    private Query(String name, List<Parameter> parameters, String description) {
        this.name = name;
        this.parameters = parameters;
        this.description = description;
    }

    /** A query of that name, with no parameters yet. */
    public static Query named(String name) {
        return new Query(Names.ident(name, "query name"), List.of(), "");
    }

    public String name() {
        return name;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public String description() {
        return description;
    }

    /** The same query with a description (the DSL's comment above {@code query}). */
    public Query describedAs(String text) {
        return new Query(name, parameters, Objects.requireNonNull(text, "description can't be null"));
    }

    /** An integer parameter: {@code threshold = 100}. */
    public Query param(String name, long defaultValue) {
        return param(name, Exprs.lit(defaultValue));
    }

    public Query param(String name, double defaultValue) {
        return param(name, Exprs.lit(defaultValue));
    }

    public Query param(String name, boolean defaultValue) {
        return param(name, Exprs.lit(defaultValue));
    }

    public Query param(String name, String defaultValue) {
        return param(name, Exprs.lit(Objects.requireNonNull(defaultValue,
                "the default value of parameter '" + name + "' can't be null")));
    }

    /** A duration parameter: {@code window = 10s}. */
    public Query param(String name, Duration defaultValue) {
        long micros = Exprs.micros(defaultValue, "the default value of parameter '" + name + "'");
        return param(name, new Expression(Literal.ofDuration(micros)));
    }

    /** A parameter whose default is any constant: {@code param("prefix", Exprs.prefix("10.0.0.0/8"))}. */
    public Query param(String name, Expression defaultValue) {
        Names.ident(name, "parameter name");
        Objects.requireNonNull(defaultValue, "the default value of parameter '" + name + "' can't be null");
        if (!defaultValue.isLiteral()) {
            throw new IllegalArgumentException("the default value of parameter '" + name + "' must be a constant"
                    + " (a number, duration, address, prefix, string or boolean), not " + defaultValue);
        }
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is declared twice");
            }
        }
        List<Parameter> more = new ArrayList<>(parameters);
        more.add(Parameter.of(name, (Literal) defaultValue.expr()));
        return new Query(this.name, Collections.unmodifiableList(more), description);
    }

    /** Every observed packet. */
    public TupleStream packets() {
        return from(Source.packets());
    }

    /** The packets of one named source (a trace or a link): {@code packets@B}. */
    public TupleStream packets(String binding) {
        return from(Source.packets(binding));
    }

    /** The output of another query: {@code from("tcp_rtt")}, {@code from("split_processing.tcp")}. */
    public TupleStream from(String stream) {
        return from(Source.stream(stream));
    }

    public TupleStream from(Source source) {
        Objects.requireNonNull(source, "source can't be null");
        return new TupleStream(this, source.scan(), null);
    }

    Resolver resolver() {
        Set<String> names = new LinkedHashSet<>();
        for (Parameter p : parameters) {
            names.add(p.name());
        }
        return new Resolver(name, Collections.unmodifiableSet(names));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query && ((Query) o).name.equals(name) && ((Query) o).parameters.equals(parameters)
                && ((Query) o).description.equals(description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, parameters, description);
    }

    @Override
    public String toString() {
        return "query " + name + parameters;
    }
}
