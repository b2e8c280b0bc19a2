package org.intstream.engine.sketch;

import java.util.List;

/**
 * A count-min sketch as a result value: its shape, the hash functions of its rows, the key fields' widths,
 * and its cells — enough for a reader to estimate any key or merge sketches of other points.
 */
public final class SketchValue {
    private final int rows;
    private final int width;
    private final List<String> rowHashes;
    private final int[] fieldWidths;
    private final long total;
    private final long[][] cells;

    public SketchValue(CountMinSketch sketch, int[] fieldWidths) {
        this(sketch.rows(), sketch.width(), fieldWidths, sketch.total(), sketch.cells());
    }

    private SketchValue(int rows, int width, int[] fieldWidths, long total, long[][] cells) {
        this.rows = rows;
        this.width = width;
        this.rowHashes = List.of("crc32(fields)", "crc16(fields)", "crc32(reversed fields) >> 16").subList(0, rows);
        this.fieldWidths = fieldWidths.clone();
        this.total = total;
        this.cells = cells;
    }

    /** The sketch's state as a value that keeps its cells (no copy); the sketch starts empty. */
    static SketchValue takenFrom(CountMinSketch sketch, int[] fieldWidths) {
        long total = sketch.total();
        return new SketchValue(sketch.rows(), sketch.width(), fieldWidths, total, sketch.takeCells());
    }

    /**
     * A sketch read back from its parts (another point's, from the network), or summed from several.
     *
     * @throws IllegalArgumentException when the shape is not one a count-min sketch can have or the cells
     *     don't fill it
     */
    public static SketchValue of(int rows, int width, int[] fieldWidths, long total, long[][] cells) {
        SketchHashes.checkShape(rows, width, "a sketch value");
        if (cells.length != rows) {
            throw new IllegalArgumentException("a " + rows + "x" + width + " sketch value has " + cells.length + " rows of cells");
        }
        long[][] copy = new long[rows][];
        for (int r = 0; r < rows; r++) {
            if (cells[r].length != width) {
                throw new IllegalArgumentException("row " + r + " of a " + rows + "x" + width + " sketch value has "
                        + cells[r].length + " cells");
            }
            copy[r] = cells[r].clone();
        }
        return new SketchValue(rows, width, fieldWidths, total, copy);
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    public List<String> rowHashes() {
        return rowHashes;
    }

    public int[] fieldWidths() {
        return fieldWidths.clone();
    }

    public long total() {
        return total;
    }

    public long[][] cells() {
        long[][] copy = new long[rows][];
        for (int r = 0; r < rows; r++) {
            copy[r] = cells[r].clone();
        }
        return copy;
    }

    /** The estimate of a key given as field values (low 64 bits each). */
    public long estimate(long... fieldValues) {
        int[] idx = new int[rows];
        new SketchHashes(fieldWidths).indexes(new long[fieldValues.length], fieldValues, rows, width, idx);
        long min = Long.MAX_VALUE;
        for (int r = 0; r < rows; r++) {
            min = Math.min(min, cells[r][idx[r]]);
        }
        return min;
    }

    @Override
    public String toString() {
        return "countmin(" + rows + "x" + width + ", total " + total + ")";
    }
}
