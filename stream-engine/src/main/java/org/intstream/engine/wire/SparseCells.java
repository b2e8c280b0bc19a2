package org.intstream.engine.wire;

import java.io.ByteArrayOutputStream;
import org.intstream.engine.sketch.SketchHashes;

/**
 * A count-min sketch's cells as its non-zero cells only, in row-major order, each a varint gap from the
 * previous non-zero cell's index and a varint value.
 */
public final class SparseCells {
    private SparseCells() {
    }

    public static byte[] pack(long[][] cells, int width) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long previous = -1;
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cells[r].length; c++) {
                if (cells[r][c] != 0) {
                    long index = (long) r * width + c;
                    Varints.write(out, index - previous);
                    Varints.write(out, cells[r][c]);
                    previous = index;
                }
            }
        }
        return out.toByteArray();
    }

    /**
     * @throws IllegalArgumentException for a shape without cells or larger than any sketch's, a cell outside
     *     the shape or out of order, or bytes cut short
     */
    public static long[][] unpack(byte[] packed, int rows, int width) {
        if (rows < 1 || width < 1) {
            throw new IllegalArgumentException("a sketch value of " + rows + "x" + width + " cells");
        }
        // The shape comes from the wire in a few bytes: checked before its cells are made.
        if (rows > SketchHashes.MAX_ROWS || width > SketchHashes.MAX_SIZE) {
            throw new IllegalArgumentException("a sketch value of " + rows + "x" + width + " cells, more than a sketch"
                    + " has (at most " + SketchHashes.MAX_ROWS + " rows of " + SketchHashes.MAX_SIZE + ")");
        }
        long[][] cells = new long[rows][width];
        Varints.Reader in = new Varints.Reader(packed);
        long index = -1;
        try {
            while (!in.atEnd()) {
                long gap = in.read();
                // Compared before it is added: a gap near 2^63 would wrap the index around to a negative one.
                if (gap < 1 || gap >= (long) rows * width - index) {
                    String at = gap < 1 || index + gap > index ? "index " + (index + gap) : gap + " past index " + index;
                    throw new IllegalArgumentException("a sketch cell at " + at + " outside its " + rows + "x" + width
                            + " cells, or out of order");
                }
                index += gap;
                cells[(int) (index / width)][(int) (index % width)] = in.read();
            }
        } catch (Varints.CutShort e) {
            throw new IllegalArgumentException("sketch cells cut short", e);
        }
        return cells;
    }
}
