package org.intstream.query.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.Expr;

/**
 * A sketch an operator should use instead of exact state: {@code countmin(rows = 3, width = 4096)},
 * {@code bloom(bits = 65536, hashes = 3)}. Arguments are expressions so they can name parameters.
 */
public final class ApproxSpec {
    private final String kind;
    private final Map<String, Expr> arguments;
    private final SourcePosition position;

    public ApproxSpec(String kind, Map<String, Expr> arguments, SourcePosition position) {
        this.kind = Objects.requireNonNull(kind, "sketch kind can't be null").toLowerCase();
        this.arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        this.position = position == null ? SourcePosition.UNKNOWN : position;
    }

    public String kind() {
        return kind;
    }

    public Map<String, Expr> arguments() {
        return arguments;
    }

    public Expr argument(String name) {
        return arguments.get(name);
    }

    public SourcePosition position() {
        return position;
    }

    @Override
    public boolean equals(Object o) {
        // Argument order is part of the written form, so it is part of equality.
        return o instanceof ApproxSpec && ((ApproxSpec) o).kind.equals(kind)
                && ((ApproxSpec) o).arguments.equals(arguments)
                && String.valueOf(((ApproxSpec) o).arguments.keySet()).equals(String.valueOf(arguments.keySet()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, arguments);
    }
}
