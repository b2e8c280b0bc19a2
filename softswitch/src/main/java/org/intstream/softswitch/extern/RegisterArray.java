package org.intstream.softswitch.extern;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A P4 register array. Cells of up to 64 bits are longs; wider ones BigIntegers. Out-of-range reads
 * give 0 and out-of-range writes do nothing, which is what v1model specifies and BMv2 does in
 * release builds.
 */
public final class RegisterArray {
    private final String name;
    private final int width;
    private final long mask;
    private final long[] cells;
    private final BigInteger[] wideCells;

    public RegisterArray(String name, int size, int width) {
        this.name = name;
        this.width = width;
        this.mask = width >= 64 ? -1L : (1L << width) - 1;
        if (width > 64) {
            this.cells = null;
            this.wideCells = new BigInteger[size];
            Arrays.fill(wideCells, BigInteger.ZERO);
        } else {
            this.cells = new long[size];
            this.wideCells = null;
        }
    }

    public String name() {
        return name;
    }

    public int width() {
        return width;
    }

    public int size() {
        return cells != null ? cells.length : wideCells.length;
    }

    public boolean wide() {
        return cells == null;
    }

    public long read(long index) {
        if (index < 0 || index >= size()) {
            return 0;
        }
        return cells != null ? cells[(int) index] : wideCells[(int) index].longValue();
    }

    public BigInteger readBig(long index) {
        if (index < 0 || index >= size()) {
            return BigInteger.ZERO;
        }
        return cells != null ? new BigInteger(Long.toUnsignedString(cells[(int) index])) : wideCells[(int) index];
    }

    public void write(long index, long value) {
        if (index >= 0 && index < size()) {
            if (cells != null) {
                cells[(int) index] = value & mask;
            } else {
                wideCells[(int) index] = new BigInteger(Long.toUnsignedString(value));
            }
        }
    }

    public void write(long index, BigInteger value) {
        if (index >= 0 && index < size()) {
            BigInteger masked = value.and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE));
            if (cells != null) {
                cells[(int) index] = masked.longValue();
            } else {
                wideCells[(int) index] = masked;
            }
        }
    }
}
