package org.intstream.softswitch.pipeline;

import java.util.Map;
import org.intstream.softswitch.runtime.PacketContext;
import org.intstream.softswitch.table.MatchTable;

/** A control (ingress or egress): a graph of tables and conditionals from an initial node. */
public final class Pipeline {
    private final String name;
    private final PipelineNode first;
    private final Map<String, MatchTable> tables;

    Pipeline(String name, PipelineNode first, Map<String, MatchTable> tables) {
        this.name = name;
        this.first = first;
        this.tables = Map.copyOf(tables);
    }

    public String name() {
        return name;
    }

    public Map<String, MatchTable> tables() {
        return tables;
    }

    /** Runs the control; an {@code exit} stops it after the action that called it. */
    public void apply(PacketContext c) {
        PipelineNode node = first;
        while (node != null && !c.exit) {
            node = node.apply(c);
        }
    }
}
