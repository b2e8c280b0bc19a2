package org.intstream.engine.exec.rel;

import java.util.ArrayList;
import java.util.List;
import org.intstream.engine.exec.WindowBatch;

/** Adds the rows other outputs hold for the same window (bag union). */
public final class UnionRows implements RelationOperator {
    private final List<String> others;
    private final BatchLookup lookup;

    public UnionRows(List<String> others, BatchLookup lookup) {
        this.others = List.copyOf(others);
        this.lookup = lookup;
    }

    @Override
    public WindowBatch apply(WindowBatch in) {
        List<Object[]> rows = new ArrayList<>(in.rows);
        List<String> notes = new ArrayList<>(in.notes);
        boolean approximate = in.approximate;
        for (String o : others) {
            WindowBatch b = lookup.lookup(o, in.start);
            if (b != null) {
                rows.addAll(b.rows);
                approximate |= b.approximate;
                notes.addAll(b.notes);
            }
        }
        return new WindowBatch(in.start, in.end, rows, approximate, notes);
    }
}
