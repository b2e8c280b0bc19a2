package org.intstream.query.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which bits of the 5-tuple (IPv4 source, destination, protocol, L4 source and destination port) make up a
 * key; fields outside the key have mask 0. The switch hashes the masked 13 bytes in this order, and so does
 * its Java twin. Immutable.
 */
public final class TupleMasks {
    public static final TupleMasks NONE = new TupleMasks(0, 0, 0, 0, 0);

    private final int src;
    private final int dst;
    private final int proto;
    private final int sport;
    private final int dport;

    public TupleMasks(int src, int dst, int proto, int sport, int dport) {
        this.src = src;
        this.dst = dst;
        this.proto = proto & 0xFF;
        this.sport = sport & 0xFFFF;
        this.dport = dport & 0xFFFF;
    }

    public int src() {
        return src;
    }

    public int dst() {
        return dst;
    }

    public int proto() {
        return proto;
    }

    public int sport() {
        return sport;
    }

    public int dport() {
        return dport;
    }

    public boolean isEmpty() {
        return src == 0 && dst == 0 && proto == 0 && sport == 0 && dport == 0;
    }

    /** Every bit of either. */
    public TupleMasks union(TupleMasks o) {
        return new TupleMasks(src | o.src, dst | o.dst, proto | o.proto, sport | o.sport, dport | o.dport);
    }

    /** Whether the key reads an L4 port (and so only means something on TCP and UDP packets). */
    public boolean usesPorts() {
        return sport != 0 || dport != 0;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TupleMasks)) {
            return false;
        }
        TupleMasks m = (TupleMasks) o;
        return src == m.src && dst == m.dst && proto == m.proto && sport == m.sport && dport == m.dport;
    }

    @Override
    public int hashCode() {
        return Objects.hash(src, dst, proto, sport, dport);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (src != 0) {
            parts.add(src == -1 ? "ip.src" : "ip.src/" + Integer.bitCount(src));
        }
        if (dst != 0) {
            parts.add(dst == -1 ? "ip.dst" : "ip.dst/" + Integer.bitCount(dst));
        }
        if (proto != 0) {
            parts.add("ip.proto");
        }
        if (sport != 0) {
            parts.add("l4.sport");
        }
        if (dport != 0) {
            parts.add("l4.dport");
        }
        return parts.isEmpty() ? "()" : "(" + String.join(", ", parts) + ")";
    }
}
