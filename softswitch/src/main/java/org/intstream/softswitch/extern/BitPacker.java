package org.intstream.softswitch.extern;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Packs field values into bytes the way BMv2 builds hash and checksum inputs: each value's bits most
 * significant first, values back to back with no alignment, the last byte padded with zero bits.
 * One packer is reused per calculation; the switch runs one packet at a time.
 */
public final class BitPacker {
    private byte[] buf = new byte[64];
    private int bits;

    public void reset() {
        Arrays.fill(buf, 0, byteLength(), (byte) 0);
        bits = 0;
    }

    /** Appends the low {@code width} bits of {@code value} (width at most 64), a byte at a time. */
    public void put(long value, int width) {
        ensure(bits + width);
        int remaining = width;
        while (remaining > 0) {
            int free = 8 - (bits & 7);
            int take = Math.min(free, remaining);
            int chunk = (int) (value >>> (remaining - take)) & ((1 << take) - 1);
            buf[bits >>> 3] |= (byte) (chunk << (free - take));
            bits += take;
            remaining -= take;
        }
    }

    /** Appends the low {@code width} bits of a non-negative value of any width. */
    public void put(BigInteger value, int width) {
        ensure(bits + width);
        for (int i = width - 1; i >= 0; i--) {
            if (value.testBit(i)) {
                buf[bits >>> 3] |= (byte) (0x80 >>> (bits & 7));
            }
            bits++;
        }
    }

    /** Appends whole bytes (a header or the payload). */
    public void putBytes(byte[] src, int off, int len) {
        if ((bits & 7) == 0) {
            ensure(bits + len * 8);
            System.arraycopy(src, off, buf, bits >>> 3, len);
            bits += len * 8;
        } else {
            for (int i = 0; i < len; i++) {
                put(src[off + i] & 0xFF, 8);
            }
        }
    }

    public byte[] buffer() {
        return buf;
    }

    public int byteLength() {
        return (bits + 7) >>> 3;
    }

    private void ensure(int totalBits) {
        int need = (totalBits + 7) >>> 3;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }
}
