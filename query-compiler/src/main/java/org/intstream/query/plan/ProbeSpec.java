package org.intstream.query.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.intstream.query.SourcePosition;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprPrinter;

/**
 * An active measurement that a {@code probe} source runs from the observation point (an agent, or the local
 * host of {@code intstream run}): what to measure, toward which targets, how often, and its bounds. Its
 * values are expressions until the query's parameters are bound. Immutable.
 *
 * <p>Its text ({@link #text()}) is what the DSL reads back, and names the probe's row stream inside an engine.
 */
public final class ProbeSpec {
    /** What a probe measures. */
    public enum Kind {
        /** TCP connect time to a port: the SYN to SYN-ACK (or RST) round trip. */
        RTT_TCP("rtt tcp", "tcp"),
        /** ICMP echo request to reply. */
        RTT_ICMP("rtt icmp", "icmp"),
        /** A bounded TCP transfer to another agent's probe listener, timed by the receiver. */
        BANDWIDTH("bandwidth", "bandwidth");

        private final String words;
        private final String column;

        Kind(String words, String column) {
            this.words = words;
            this.column = column;
        }

        /** The words after {@code probe} in the DSL. */
        public String words() {
            return words;
        }

        /** The value of {@code probe.kind} in the rows. */
        public String column() {
            return column;
        }
    }

    /** One target as written: an address, a prefix, a host name or a parameter, and an optional port. */
    public static final class Target {
        private final Expr address;
        private final Expr port;

        public Target(Expr address, Expr port) {
            this.address = Objects.requireNonNull(address, "a probe target needs an address");
            this.port = port;
        }

        public Expr address() {
            return address;
        }

        /** The port, or null when none was written. */
        public Expr port() {
            return port;
        }

        Target map(Function<Expr, Expr> f) {
            return new Target(f.apply(address), port == null ? null : f.apply(port));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Target && ((Target) o).address.equals(address)
                    && Objects.equals(((Target) o).port, port);
        }

        @Override
        public int hashCode() {
            return Objects.hash(address, port);
        }

        @Override
        public String toString() {
            return ExprPrinter.print(address) + (port == null ? "" : ":" + ExprPrinter.print(port));
        }
    }

    /** A prefix target expands to at most 2^8 addresses: a probe is a measurement, not a scan. */
    public static final int MAX_PREFIX_HOST_BITS = 8;
    /** The shortest interval between two probes of one target. */
    public static final long MIN_INTERVAL_MICROS = 10_000;
    /** The least a bandwidth probe sends (below it, TCP's slow start is all it measures). */
    public static final long MIN_BANDWIDTH_BYTES = 64 << 10;

    private final Kind kind;
    private final List<Target> targets;
    private final Expr every;
    private final Expr bytes;
    private final Expr timeout;
    private final SourcePosition position;

    /**
     * @param bytes how much a bandwidth probe sends, or null for the default
     * @param timeout how long a probe waits for its answer, or null for the default
     */
    public ProbeSpec(Kind kind, List<Target> targets, Expr every, Expr bytes, Expr timeout, SourcePosition position) {
        this.kind = Objects.requireNonNull(kind, "a probe needs a kind");
        this.targets = List.copyOf(targets);
        if (this.targets.isEmpty()) {
            throw new IllegalArgumentException("a probe needs at least one target");
        }
        this.every = Objects.requireNonNull(every, "a probe needs an interval");
        this.bytes = bytes;
        this.timeout = timeout;
        this.position = position == null ? SourcePosition.UNKNOWN : position;
    }

    public Kind kind() {
        return kind;
    }

    public List<Target> targets() {
        return targets;
    }

    /** The interval between two probes of one target. */
    public Expr every() {
        return every;
    }

    /** Bytes a bandwidth probe sends, or null for the default. */
    public Expr bytes() {
        return bytes;
    }

    /** How long a probe waits for its answer, or null for the default. */
    public Expr timeout() {
        return timeout;
    }

    public SourcePosition position() {
        return position;
    }

    /** The same probe with every expression rewritten (parameters bound, for instance). */
    public ProbeSpec withExprs(Function<Expr, Expr> f) {
        List<Target> mapped = new ArrayList<>();
        for (Target t : targets) {
            mapped.add(t.map(f));
        }
        return new ProbeSpec(kind, mapped, f.apply(every), bytes == null ? null : f.apply(bytes),
                timeout == null ? null : f.apply(timeout), position);
    }

    /** The probe as the DSL writes it: {@code probe rtt tcp to 10.0.0.0/29:22 every 1s}. */
    public String text() {
        StringBuilder sb = new StringBuilder("probe ").append(kind.words()).append(" to ");
        for (int i = 0; i < targets.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(targets.get(i));
        }
        sb.append(" every ").append(ExprPrinter.print(every));
        if (bytes != null) {
            sb.append(" bytes ").append(ExprPrinter.print(bytes));
        }
        if (timeout != null) {
            sb.append(" timeout ").append(ExprPrinter.print(timeout));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProbeSpec)) {
            return false;
        }
        ProbeSpec p = (ProbeSpec) o;
        return p.kind == kind && p.targets.equals(targets) && p.every.equals(every) && Objects.equals(p.bytes, bytes)
                && Objects.equals(p.timeout, timeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, targets, every, bytes, timeout);
    }

    @Override
    public String toString() {
        return text();
    }
}
