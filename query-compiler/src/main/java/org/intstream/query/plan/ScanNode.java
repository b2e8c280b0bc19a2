package org.intstream.query.plan;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;

/**
 * Reads a stream: {@code packets} (every observed packet, optionally of one named source such as a CQL
 * link {@code B}), the output of another query ({@code port_scan}, or a side output
 * {@code split_processing.tcp}), or the rows of an active probe run from the observation point
 * ({@code probe rtt tcp to 10.0.0.2:22 every 1s}, named by its text).
 */
public final class ScanNode extends LogicalPlan {
    /** The name of the packet stream. */
    public static final String PACKETS = "packets";

    private final String stream;
    private final String binding;
    private final boolean relation;
    private final ProbeSpec probe;

    public ScanNode(String stream, String binding, SourcePosition position) {
        this(stream, binding, false, position);
    }

    /** @param relation true when the named query is relation-valued (CQL), so the scan is a relation */
    public ScanNode(String stream, String binding, boolean relation, SourcePosition position) {
        super(position);
        this.stream = Objects.requireNonNull(stream, "stream name can't be null");
        this.binding = binding;
        this.relation = relation;
        this.probe = null;
    }

    private ScanNode(ProbeSpec probe, SourcePosition position) {
        super(position);
        this.probe = Objects.requireNonNull(probe, "probe can't be null");
        this.stream = probe.text();
        this.binding = null;
        this.relation = false;
    }

    /** The rows of an active probe; the stream is named by the probe's text. */
    public static ScanNode probe(ProbeSpec probe, SourcePosition position) {
        return new ScanNode(probe, position);
    }

    public static ScanNode packets() {
        return new ScanNode(PACKETS, null, null);
    }

    /** {@code packets} or the name of the query whose output is read. */
    public String stream() {
        return stream;
    }

    /** For packets: the named source (trace or link) to read, or null for all of them. */
    public String binding() {
        return binding;
    }

    public boolean isPackets() {
        return probe == null && PACKETS.equals(stream);
    }

    /** True when this reads an active probe's rows ({@link ProbeColumns}). */
    public boolean isProbe() {
        return probe != null;
    }

    /** The probe whose rows this reads, or null. */
    public ProbeSpec probe() {
        return probe;
    }

    /** The same probe scan with its probe's expressions rewritten. */
    public ScanNode withProbe(ProbeSpec spec) {
        if (probe == null) {
            throw new IllegalStateException("'" + stream + "' is not a probe");
        }
        return spec.equals(probe) && spec.text().equals(probe.text()) ? this : new ScanNode(spec, position());
    }

    /** True when this reads a relation-valued query (CQL's {@code Load}), not a stream. */
    public boolean isRelation() {
        return relation;
    }

    @Override
    public List<LogicalPlan> inputs() {
        return List.of();
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        if (!inputs.isEmpty()) {
            throw new IllegalArgumentException("a scan has no inputs");
        }
        return this;
    }

    @Override
    public <R> R accept(PlanVisitor<R> visitor) {
        return visitor.visitScan(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanNode && ((ScanNode) o).stream.equals(stream)
                && Objects.equals(((ScanNode) o).binding, binding) && ((ScanNode) o).relation == relation
                && Objects.equals(((ScanNode) o).probe, probe);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, binding, relation, probe);
    }
}
