package org.intstream.query.plan;

import java.util.List;
import java.util.Objects;
import org.intstream.query.SourcePosition;

/**
 * Reads a stream: {@code packets} (every observed packet, optionally of one named source such as a CQL
 * link {@code B}), or the output of another query ({@code port_scan}, or a side output
 * {@code split_processing.tcp}).
 */
public final class ScanNode extends LogicalPlan {
    /** The name of the packet stream. */
    public static final String PACKETS = "packets";

    private final String stream;
    private final String binding;
    private final boolean relation;

    public ScanNode(String stream, String binding, SourcePosition position) {
        this(stream, binding, false, position);
    }

    /** @param relation true when the named query is relation-valued (CQL), so the scan is a relation */
    public ScanNode(String stream, String binding, boolean relation, SourcePosition position) {
        super(position);
        this.stream = Objects.requireNonNull(stream, "stream name can't be null");
        this.binding = binding;
        this.relation = relation;
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
        return PACKETS.equals(stream);
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
                && Objects.equals(((ScanNode) o).binding, binding) && ((ScanNode) o).relation == relation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, binding, relation);
    }
}
