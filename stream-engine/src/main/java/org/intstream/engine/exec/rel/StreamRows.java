package org.intstream.engine.exec.rel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.query.plan.StreamNode;

/**
 * Relation to stream, window by window: RSTREAM passes every row; ISTREAM the rows not in the previous
 * window's relation; DSTREAM the rows of the previous window's relation that are gone (bag semantics:
 * a row present twice before and once now is deleted once).
 */
public final class StreamRows implements RelationOperator {
    private final StreamNode.Kind kind;
    private List<Object[]> previous = List.of();

    public StreamRows(StreamNode.Kind kind) {
        this.kind = kind;
    }

    @Override
    public WindowBatch apply(WindowBatch in) {
        if (kind == StreamNode.Kind.RSTREAM) {
            return in;
        }
        List<Object[]> out = kind == StreamNode.Kind.ISTREAM ? minus(in.rows, previous) : minus(previous, in.rows);
        previous = in.rows;
        return in.withRows(out);
    }

    /** Bag difference a − b. */
    static List<Object[]> minus(List<Object[]> a, List<Object[]> b) {
        Map<List<Object>, Integer> counts = new HashMap<>();
        for (Object[] row : b) {
            counts.merge(Arrays.asList(row), 1, Integer::sum);
        }
        List<Object[]> out = new ArrayList<>();
        for (Object[] row : a) {
            List<Object> key = Arrays.asList(row);
            Integer c = counts.get(key);
            if (c != null && c > 0) {
                counts.put(key, c - 1);
            } else {
                out.add(row);
            }
        }
        return out;
    }
}
