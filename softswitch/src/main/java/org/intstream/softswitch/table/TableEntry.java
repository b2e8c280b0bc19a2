package org.intstream.softswitch.table;

import java.util.List;
import java.util.Objects;
import org.intstream.softswitch.action.ActionData;
import org.intstream.softswitch.action.ActionSpec;

/**
 * A table entry: its match (one {@link MatchValue} per key element), priority (P4Runtime's: larger
 * wins; 0 for tables without ternary, range or optional elements), action with arguments, and the
 * controller's opaque metadata.
 */
public final class TableEntry {
    private final List<MatchValue> match;
    private final int priority;
    private final ActionSpec action;
    private final ActionData data;
    private final long controllerMetadata;
    private final byte[] metadata;
    final int lpmLength;
    long order;
    /** The entry's direct counter (BMv2 counts hits only, in ingress bytes). */
    private long hitPackets;
    private long hitBytes;

    public TableEntry(List<MatchValue> match, int priority, ActionSpec action, ActionData data,
            long controllerMetadata, byte[] metadata) {
        this.match = List.copyOf(match);
        this.priority = priority;
        this.action = Objects.requireNonNull(action, "action");
        this.data = Objects.requireNonNull(data, "data");
        this.controllerMetadata = controllerMetadata;
        this.metadata = metadata == null ? new byte[0] : metadata.clone();
        int lpm = 0;
        for (MatchValue m : match) {
            if (m.kind() == MatchKind.LPM) {
                lpm = m.prefixLength();
            }
        }
        this.lpmLength = lpm;
    }

    public List<MatchValue> match() {
        return match;
    }

    public int priority() {
        return priority;
    }

    public ActionSpec action() {
        return action;
    }

    public ActionData data() {
        return data;
    }

    public long controllerMetadata() {
        return controllerMetadata;
    }

    public byte[] metadata() {
        return metadata.clone();
    }

    /** Counts a hit in the entry's direct counter. */
    public void countHit(int bytes) {
        hitPackets++;
        hitBytes += bytes;
    }

    public long hitPackets() {
        return hitPackets;
    }

    public long hitBytes() {
        return hitBytes;
    }

    /** Sets the direct counter (a P4Runtime write, or a modified entry keeping its counts). */
    public void setHits(long packets, long bytes) {
        hitPackets = packets;
        hitBytes = bytes;
    }

    /** The identity of the entry in its table: match and priority. */
    public MatchKey key() {
        return new MatchKey(match, priority);
    }

    /** Match plus priority, which identify an entry (P4Runtime's rule). */
    public record MatchKey(List<MatchValue> match, int priority) {
    }
}
