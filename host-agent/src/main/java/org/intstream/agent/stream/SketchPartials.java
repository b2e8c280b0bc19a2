package org.intstream.agent.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.intstream.engine.sketch.SketchTerminal;

/**
 * What a point's count-min sketch sends when the controller sums the points' sketches (DESIGN.md,
 * "Placement"): the sketch's cells and its top keys as candidates, but neither the point's bound note nor its
 * top keys' estimates. The controller writes the bound of the sum and estimates every point's candidates
 * against the sum, so neither would change the result.
 */
public final class SketchPartials {
    private SketchPartials() {
    }

    /** False for the point's bound note, which the controller writes for the sum instead. */
    public static boolean travels(String note) {
        return !SketchTerminal.isBoundNote(note);
    }

    /**
     * The row with its top keys ("10.0.0.1,443=17") as bare candidates ("10.0.0.1,443"), sorted so that
     * neighbours share their starts ({@link org.intstream.engine.wire.RowColumns} sends only the rest).
     *
     * @param topColumn the index of the row's list of top keys
     */
    public static Object[] withCandidates(Object[] row, int topColumn) {
        if (!(row[topColumn] instanceof List)) {
            throw new IllegalArgumentException("column " + topColumn + " of a sketch row is not its top keys: "
                    + row[topColumn]);
        }
        List<?> top = (List<?>) row[topColumn];
        List<String> keys = new ArrayList<>(top.size());
        for (Object entry : top) {
            String e = (String) entry;
            int eq = e.lastIndexOf('=');
            keys.add(eq < 0 ? e : e.substring(0, eq));
        }
        Collections.sort(keys);
        Object[] out = row.clone();
        out[topColumn] = List.copyOf(keys);
        return out;
    }
}
