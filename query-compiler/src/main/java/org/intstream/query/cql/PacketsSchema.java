package org.intstream.query.cql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.Schema;
import org.intstream.query.type.Type;

/**
 * The {@code Packets} stream as CQL sees it (docs/cql.md): the seed queries' column names over the packet
 * field catalogue, plus {@code id} (a packet's identity across hops) and {@code colID} (the source that
 * observed it).
 */
public final class PacketsSchema {
    public static final String NAME = "Packets";

    /** CQL column to field catalogue name ({@code id} and {@code colID} are computed by the engine). */
    public static final Map<String, String> FIELDS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("srcIP", "ip.src");
        m.put("destIP", "ip.dst");
        m.put("srcPort", "l4.sport");
        m.put("destPort", "l4.dport");
        m.put("protocol", "ip.proto");
        m.put("len", "len");
        m.put("flags", "tcp.flags");
        m.put("timestamp", "ts");
        m.put("id", null);
        m.put("colID", "point");
        FIELDS = java.util.Collections.unmodifiableMap(m);
    }

    public static final Schema SCHEMA = Schema.of(List.of(
            new Column("srcIP", Type.IP),
            new Column("destIP", Type.IP),
            new Column("srcPort", Type.INT),
            new Column("destPort", Type.INT),
            new Column("protocol", Type.INT),
            new Column("len", Type.INT),
            new Column("flags", Type.INT),
            new Column("timestamp", Type.TIMESTAMP),
            new Column("id", Type.STRING),
            new Column("colID", Type.STRING)));

    private PacketsSchema() {
    }

    public static boolean isPackets(String name) {
        return NAME.equalsIgnoreCase(name);
    }
}
