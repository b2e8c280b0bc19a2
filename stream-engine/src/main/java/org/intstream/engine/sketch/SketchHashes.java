package org.intstream.engine.sketch;

import java.util.zip.CRC32;

/**
 * The row index functions shared by count-min sketches and Bloom filters, each computable by a BMv2
 * {@code hash} extern and a bit slice, and each really different (CRC is affine, so salting the input would
 * not give independent rows):
 * <ol>
 *   <li>row 0: {@code crc32(fields in order) mod size}</li>
 *   <li>row 1: {@code crc16(fields in order) mod size}</li>
 *   <li>row 2: {@code (crc32(fields in reverse order) >> 16) mod size}</li>
 * </ol>
 * Sizes are powers of two (so "mod" is a bit slice on the switch) up to 2^16. Their measured error is
 * recorded in BENCHMARKS.md.
 */
public final class SketchHashes {
    /** How many distinct rows exist. */
    public static final int MAX_ROWS = 3;
    public static final int MAX_SIZE = 1 << 16;

    private final int[] widths;
    private final FieldPacker forward;
    private final FieldPacker reversed;
    private final long[] revHi;
    private final long[] revLo;
    private final CRC32 crc = new CRC32();
    // the last key hashed and its CRCs (-1: not computed)
    private final long[] lastHi;
    private final long[] lastLo;
    private long lastCrc32 = -1;
    private int lastCrc16 = -1;
    private long lastCrcReversed = -1;

    public SketchHashes(int[] fieldWidths) {
        this.widths = fieldWidths.clone();
        int n = widths.length;
        int[] rev = new int[n];
        for (int i = 0; i < n; i++) {
            rev[i] = widths[n - 1 - i];
        }
        this.forward = new FieldPacker(widths);
        this.reversed = new FieldPacker(rev);
        this.revHi = new long[n];
        this.revLo = new long[n];
        this.lastHi = new long[n];
        this.lastLo = new long[n];
    }

    /** Checks a sketch's dimensions; the message names what is wrong. */
    public static void checkShape(int rows, int size, String what) {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException(what + " has " + rows + " rows; the switch's hash functions give 1 to "
                    + MAX_ROWS);
        }
        if (size < 2 || size > MAX_SIZE || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException(what + " size " + size + " must be a power of two from 2 to " + MAX_SIZE);
        }
    }

    public int fieldCount() {
        return widths.length;
    }

    /**
     * Fills {@code out[0..rows)} with the row indexes of a key given as field values. The hashes of the last key
     * are kept: the sketches of one packet's key (a count-min sketch and its Bloom filter, two queries' sketches
     * of the same fields sharing this object) hash it once.
     */
    public void indexes(long[] hi, long[] lo, int rows, int size, int[] out) {
        int mask = size - 1;
        if (!sameAsLast(hi, lo)) {
            byte[] f = forward.pack(hi, lo);
            crc.reset();
            crc.update(f, 0, forward.length());
            lastCrc32 = crc.getValue();
            lastCrc16 = rows > 1 ? Crc16Arc.compute(f, 0, forward.length()) : -1;
            lastCrcReversed = -1;
        } else if (rows > 1 && lastCrc16 < 0) {
            lastCrc16 = Crc16Arc.compute(forward.pack(hi, lo), 0, forward.length());
        }
        out[0] = (int) (lastCrc32 & mask);
        if (rows > 1) {
            out[1] = lastCrc16 & mask;
        }
        if (rows > 2) {
            if (lastCrcReversed < 0) {
                lastCrcReversed = reversedCrc(hi, lo);
            }
            out[2] = (int) ((lastCrcReversed >>> 16) & mask);
        }
    }

    /** True when the key is the last one hashed; else it becomes the last one. */
    private boolean sameAsLast(long[] hi, long[] lo) {
        int n = widths.length;
        boolean same = lastCrc32 >= 0;
        for (int i = 0; i < n && same; i++) {
            same = hi[i] == lastHi[i] && lo[i] == lastLo[i];
        }
        if (!same) {
            System.arraycopy(hi, 0, lastHi, 0, n);
            System.arraycopy(lo, 0, lastLo, 0, n);
        }
        return same;
    }

    private long reversedCrc(long[] hi, long[] lo) {
        int n = widths.length;
        if (n == 1) {
            return lastCrc32; // one field reads the same either way
        }
        for (int i = 0; i < n; i++) {
            revHi[i] = hi[n - 1 - i];
            revLo[i] = lo[n - 1 - i];
        }
        byte[] r = reversed.pack(revHi, revLo);
        crc.reset();
        crc.update(r, 0, reversed.length());
        return crc.getValue();
    }
}
