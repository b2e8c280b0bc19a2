package org.intstream.engine.sketch;

/**
 * Packs hash input the way BMv2 packs a field list: the fields' bits one after another, most significant
 * bit first, zero padding at the end up to a whole byte. The Java twin must agree with the switch bit for
 * bit, or merged sketches would not line up.
 */
public final class FieldPacker {
    private final int[] widths;
    private final byte[] buffer;
    private final boolean byteAligned;

    /** @param widths bit width of each field, in hash order (1..128) */
    public FieldPacker(int[] widths) {
        this.widths = widths.clone();
        int total = 0;
        boolean aligned = true;
        for (int w : widths) {
            if (w < 1 || w > 128) {
                throw new IllegalArgumentException("field width must be 1..128 bits, not " + w);
            }
            total += w;
            aligned &= w % 8 == 0;
        }
        this.buffer = new byte[(total + 7) / 8];
        this.byteAligned = aligned;
    }

    public int length() {
        return buffer.length;
    }

    /**
     * Packs field values (each in {@code hi[i]:lo[i]}; fields of 64 bits or less use {@code lo} only) and
     * returns the buffer, valid until the next call.
     */
    public byte[] pack(long[] hi, long[] lo) {
        if (byteAligned) {
            int pos = 0;
            for (int i = 0; i < widths.length; i++) {
                for (int b = widths[i] / 8 - 1; b >= 0; b--) {
                    buffer[pos++] = (byte) (b >= 8 ? hi[i] >>> (8 * (b - 8)) : lo[i] >>> (8 * b));
                }
            }
            return buffer;
        }
        java.util.Arrays.fill(buffer, (byte) 0);
        int bit = 0;
        for (int i = 0; i < widths.length; i++) {
            for (int k = widths[i] - 1; k >= 0; k--) {
                long v = k >= 64 ? (hi[i] >>> (k - 64)) & 1 : (lo[i] >>> k) & 1;
                if (v != 0) {
                    buffer[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
                }
                bit++;
            }
        }
        return buffer;
    }
}
