package org.intstream.engine.sketch;

import java.util.Arrays;

/**
 * A count-min sketch whose rows use {@link SketchHashes}, so a switch running the same hash externs fills
 * the very same cells: sketches of disjoint substreams with the same shape, fields and epoch merge by
 * adding cells. Estimates never under-count; over-counts stay within {@link #errorBound()} with the
 * stated confidence.
 */
public final class CountMinSketch {
    private final int rows;
    private final int width;
    private long[][] cells;
    private final SketchHashes hashes;
    private final int[] index;
    private long total;
    /**
     * The cells (row * width + column) that became non-zero since the last clear, while they are few: a
     * window of a thousand packets touches a few thousand of the sketch's cells, and clearing only those
     * beats zeroing all of them. -1 once too many to list.
     */
    private int[] touched = new int[64];
    private int touchedCount;

    public CountMinSketch(int rows, int width, int[] fieldWidths) {
        this(rows, width, new SketchHashes(fieldWidths));
    }

    /** A sketch over hashes it may share with other sketches of the same fields ({@link SharedHashes}). */
    public CountMinSketch(int rows, int width, SketchHashes hashes) {
        SketchHashes.checkShape(rows, width, "a count-min sketch");
        this.rows = rows;
        this.width = width;
        this.cells = new long[rows][width];
        this.hashes = hashes;
        this.index = new int[rows];
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    /** Sum of every amount added: the stream's exact total. */
    public long total() {
        return total;
    }

    /** Adds {@code amount} to a key and returns the key's new estimate. */
    public long add(long[] hi, long[] lo, long amount) {
        hashes.indexes(hi, lo, rows, width, index);
        long min = Long.MAX_VALUE;
        for (int r = 0; r < rows; r++) {
            long v = cells[r][index[r]] += amount;
            if (v == amount && touchedCount >= 0) {
                touch(r * width + index[r]); // the cell was zero
            }
            min = Math.min(min, v);
        }
        total += amount;
        return min;
    }

    private void touch(int cell) {
        if (touchedCount == touched.length) {
            if (8 * touchedCount >= rows * width) {
                touchedCount = -1; // many: clear everything
                return;
            }
            touched = Arrays.copyOf(touched, 2 * touchedCount);
        }
        touched[touchedCount++] = cell;
    }

    public long estimate(long[] hi, long[] lo) {
        hashes.indexes(hi, lo, rows, width, index);
        long min = Long.MAX_VALUE;
        for (int r = 0; r < rows; r++) {
            min = Math.min(min, cells[r][index[r]]);
        }
        return min;
    }

    /** Adds another sketch of the same shape and fields cell by cell (disjoint substreams). */
    public void merge(CountMinSketch other) {
        if (other.rows != rows || other.width != width) {
            throw new IllegalArgumentException("can't merge a " + other.rows + "x" + other.width + " sketch into a "
                    + rows + "x" + width + " one");
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                cells[r][c] += other.cells[r][c];
            }
        }
        total += other.total;
        touchedCount = -1;
    }

    /** The standard additive bound: e/width of the total (confidence {@link #confidence()}). */
    public long errorBound() {
        return errorBound(total, width);
    }

    /** The bound of a sketch of this width and total (one summed from several points', too). */
    public static long errorBound(long total, int width) {
        return (long) Math.ceil(Math.E * total / width);
    }

    /** 1 - e^-rows, the confidence the bound holds for one key if rows were independent. */
    public double confidence() {
        return confidence(rows);
    }

    public static double confidence(int rows) {
        return 1 - Math.exp(-rows);
    }

    public long[][] cells() {
        long[][] copy = new long[rows][];
        for (int r = 0; r < rows; r++) {
            copy[r] = cells[r].clone();
        }
        return copy;
    }

    /**
     * Hands the cells over (a window's result keeps them) and starts empty on new ones: cheaper than copying
     * them out and then zeroing them.
     */
    public long[][] takeCells() {
        long[][] taken = cells;
        cells = new long[rows][width];
        total = 0;
        touchedCount = 0;
        return taken;
    }

    public void clear() {
        if (touchedCount >= 0) {
            for (int k = 0; k < touchedCount; k++) {
                int cell = touched[k];
                cells[cell / width][cell % width] = 0;
            }
        } else {
            for (long[] row : cells) {
                Arrays.fill(row, 0);
            }
        }
        touchedCount = 0;
        total = 0;
    }
}
