package org.intstream.engine.wire;

import java.io.ByteArrayOutputStream;

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
     * @throws IllegalArgumentException for a shape without cells, a cell outside the shape or out of order, or
     *     bytes cut short
     */
    public static long[][] unpack(byte[] packed, int rows, int width) {
        if (rows < 1 || width < 1) {
            throw new IllegalArgumentException("a sketch value of " + rows + "x" + width + " cells");
        }
        long[][] cells = new long[rows][width];
        Varints.Reader in = new Varints.Reader(packed);
        long index = -1;
        try {
            while (!in.atEnd()) {
                long gap = in.read();
                index += gap;
                if (gap < 1 || index >= (long) rows * width) {
                    throw new IllegalArgumentException("a sketch cell at index " + index + " outside its " + rows + "x"
                            + width + " cells, or out of order");
                }
                cells[(int) (index / width)][(int) (index % width)] = in.read();
            }
        } catch (Varints.CutShort e) {
            throw new IllegalArgumentException("sketch cells cut short", e);
        }
        return cells;
    }
}
