package org.intstream.query.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.intstream.query.expr.Expr;
import org.intstream.query.plan.ApproxSpec;

/**
 * A sketch an operator uses instead of exact state, with its arguments in the order written:
 *
 * <pre>{@code
 * Approx.countMin(Exprs.param("rows"), Exprs.param("width"))  // countmin(rows = rows, width = width)
 * Approx.bloom(65536, 3)                                        // bloom(bits = 65536, hashes = 3)
 * Approx.of("countmin").with("width", 4096).with("rows", 3)     // countmin(width = 4096, rows = 3)
 * }</pre>
 *
 * Immutable: {@code with} returns a copy.
 */
public final class Approx {
    private final String kind;
    private final Map<String, Expression> arguments;

    private Approx(String kind, Map<String, Expression> arguments) {
        this.kind = kind;
        this.arguments = Collections.unmodifiableMap(arguments);
    }

    /** A sketch kind with no arguments yet. */
    public static Approx of(String kind) {
        return new Approx(Names.ident(kind, "sketch kind"), new LinkedHashMap<>());
    }

    /** A count-min sketch of {@code rows} hash rows of {@code width} counters. */
    public static Approx countMin(Expression rows, Expression width) {
        return of("countmin").with("rows", rows).with("width", width);
    }

    public static Approx countMin(long rows, long width) {
        return countMin(Exprs.lit(rows), Exprs.lit(width));
    }

    /** A Bloom filter of {@code bits} bits and {@code hashes} hash functions. */
    public static Approx bloom(Expression bits, Expression hashes) {
        return of("bloom").with("bits", bits).with("hashes", hashes);
    }

    public static Approx bloom(long bits, long hashes) {
        return bloom(Exprs.lit(bits), Exprs.lit(hashes));
    }

    /** This sketch with one more argument. */
    public Approx with(String argument, Expression value) {
        Names.ident(argument, "sketch argument name");
        Objects.requireNonNull(value, "sketch argument '" + argument + "' can't be null");
        if (arguments.containsKey(argument)) {
            throw new IllegalArgumentException("argument '" + argument + "' of " + kind + "(...) is given twice");
        }
        Map<String, Expression> copy = new LinkedHashMap<>(arguments);
        copy.put(argument, value);
        return new Approx(kind, copy);
    }

    public Approx with(String argument, long value) {
        return with(argument, Exprs.lit(value));
    }

    ApproxSpec spec(Resolver resolver) {
        Map<String, Expr> args = new LinkedHashMap<>();
        for (Map.Entry<String, Expression> e : arguments.entrySet()) {
            args.put(e.getKey(), resolver.resolve(e.getValue(), kind + " argument '" + e.getKey() + "'"));
        }
        return new ApproxSpec(kind, args, null);
    }

    @Override
    public boolean equals(Object o) {
        // Argument order is part of the written form, as in ApproxSpec.
        return o instanceof Approx && ((Approx) o).kind.equals(kind)
                && new ArrayList<>(((Approx) o).arguments.entrySet()).equals(new ArrayList<>(arguments.entrySet()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, arguments);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind).append('(');
        String sep = "";
        for (Map.Entry<String, Expression> e : arguments.entrySet()) {
            sb.append(sep).append(e.getKey()).append(" = ").append(e.getValue());
            sep = ", ";
        }
        return sb.append(')').toString();
    }
}
