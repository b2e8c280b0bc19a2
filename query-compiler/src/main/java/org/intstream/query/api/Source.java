package org.intstream.query.api;

import java.util.Objects;
import org.intstream.query.plan.ScanNode;

/**
 * A stream a query reads, joins or unions: the packets (of every source, or of one named trace or link),
 * or the output of another query ({@code tcp_rtt}, or a split's side output {@code split_processing.tcp}).
 *
 * <pre>{@code
 * Source.packets()              // packets
 * Source.packets("B")           // packets@B
 * Source.stream("tcp_rtt")      // tcp_rtt
 * }</pre>
 *
 * Immutable.
 */
public final class Source {
    private final String stream;
    private final String binding;

    private Source(String stream, String binding) {
        this.stream = stream;
        this.binding = binding;
    }

    public static Source packets() {
        return new Source(ScanNode.PACKETS, null);
    }

    /** The packets of one named source (a trace or a link). */
    public static Source packets(String binding) {
        return new Source(ScanNode.PACKETS, Names.ident(binding, "packet source name"));
    }

    /** The output of a query, or of one branch of a query's split ({@code query.branch}). */
    public static Source stream(String name) {
        return new Source(Names.qualified(name, "stream name"), null);
    }

    ScanNode scan() {
        return new ScanNode(stream, binding, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Source && ((Source) o).stream.equals(stream)
                && Objects.equals(((Source) o).binding, binding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, binding);
    }

    @Override
    public String toString() {
        return binding == null ? stream : stream + "@" + binding;
    }
}
