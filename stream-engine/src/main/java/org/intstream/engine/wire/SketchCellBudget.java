package org.intstream.engine.wire;

import org.intstream.engine.sketch.SketchHashes;

/**
 * The count-min cells one partial's sketches may unpack to. A sparse sketch names its shape in a few bytes and
 * unpacks to as many as 3 x 65536 cells, so without a bound a partial of a few megabytes could stand for
 * terabytes of cells; a point sends one sketch a window (a few at most), far below it. Taken before the cells
 * are made. One per partial; not thread-safe.
 */
public final class SketchCellBudget {
    /** Sixteen sketches of the largest shape. */
    public static final long MAX_CELLS = 16L * SketchHashes.MAX_ROWS * SketchHashes.MAX_SIZE;

    private long left = MAX_CELLS;

    /**
     * Counts a sketch's cells against the partial's bound; a shape without cells counts nothing (its unpacking
     * refuses it).
     *
     * @throws IllegalArgumentException when the partial's sketches would hold more than {@link #MAX_CELLS} cells
     */
    public void take(long rows, long width, String what) {
        if (rows < 1 || width < 1) {
            return;
        }
        // Both fit an int when they come from the wire, so the product fits a long.
        long cells = Math.min(rows, Integer.MAX_VALUE) * Math.min(width, Integer.MAX_VALUE);
        if (cells > left) {
            throw new IllegalArgumentException(what + " of " + rows + "x" + width + " cells takes the partial's "
                    + "sketches past " + MAX_CELLS + " cells");
        }
        left -= cells;
    }
}
