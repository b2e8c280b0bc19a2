package org.intstream.softswitch.pipeline;

import java.util.Map;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.runtime.PacketContext;
import org.intstream.softswitch.table.MatchTable;
import org.intstream.softswitch.table.TableEntry;

/**
 * Applies a table: looks the packet up, runs the entry's action or the default one, and continues at the
 * node chosen by the action run (or by hit/miss when the program switches on {@code hit}).
 */
public final class TableNode implements PipelineNode {
    private final MatchTable table;
    /** Next node by action id; used when {@link #byHit} is false. */
    final Map<Integer, PipelineNode> nextByAction = new java.util.HashMap<>();
    PipelineNode baseNext;
    boolean byHit;
    PipelineNode onHit;
    PipelineNode onMiss;

    private final boolean counted;

    TableNode(MatchTable table) {
        this.table = table;
        this.counted = table.directCounter() != null;
    }

    public MatchTable table() {
        return table;
    }

    @Override
    public PipelineNode apply(PacketContext c) {
        TableEntry e = table.lookup(c);
        ActionSpec action;
        if (e != null) {
            if (counted) {
                e.countHit(c.ingressLength);
            }
            action = e.action();
            action.execute(c, e.data());
        } else {
            action = table.defaultAction();
            action.execute(c, table.defaultData());
        }
        if (byHit) {
            return e != null ? onHit : onMiss;
        }
        PipelineNode next = nextByAction.get(action.id());
        return next != null || nextByAction.containsKey(action.id()) ? next : baseNext;
    }

    @Override
    public String name() {
        return table.name();
    }
}
