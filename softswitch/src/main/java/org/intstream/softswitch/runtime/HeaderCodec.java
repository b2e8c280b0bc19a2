package org.intstream.softswitch.runtime;

import java.math.BigInteger;
import java.util.List;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.HeaderInfo;

/** Moves a header between wire bytes (fields back to back, most significant bit first) and a PHV. */
public final class HeaderCodec {
    private HeaderCodec() {
    }

    /** Reads {@code header.bytes()} bytes at {@code offset} into the header's fields and marks it valid. */
    public static void extract(Phv phv, HeaderInfo header, byte[] data, int offset) {
        int bit = offset * 8;
        List<FieldInfo> fields = header.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldInfo f = fields.get(i);
            if (f.wide()) {
                phv.wide[f.slot()] = readBig(data, bit, f.width());
            } else {
                phv.values[f.slot()] = readBits(data, bit, f.width());
            }
            bit += f.width();
        }
        phv.valid[header.index()] = true;
    }

    /** Writes the header's fields as {@code header.bytes()} bytes at {@code offset}. */
    public static void emit(Phv phv, HeaderInfo header, byte[] out, int offset) {
        int bit = offset * 8;
        List<FieldInfo> fields = header.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldInfo f = fields.get(i);
            if (f.wide()) {
                writeBig(out, bit, f.width(), phv.wide[f.slot()]);
            } else {
                writeBits(out, bit, f.width(), phv.values[f.slot()]);
            }
            bit += f.width();
        }
    }

    /** The {@code width} (at most 64) bits starting at bit {@code bit}, as an unsigned value. */
    public static long readBits(byte[] data, int bit, int width) {
        if ((bit & 7) == 0 && (width & 7) == 0) {
            long v = 0;
            int i = bit >>> 3;
            for (int n = width >>> 3; n > 0; n--) {
                v = (v << 8) | (data[i++] & 0xFF);
            }
            return v;
        }
        // A byte at a time: the first byte's low bits, whole bytes, then the last byte's high bits.
        long v = 0;
        int remaining = width;
        int at = bit;
        while (remaining > 0) {
            int inByte = at & 7;
            int take = Math.min(8 - inByte, remaining);
            int b = (data[at >>> 3] & 0xFF) >>> (8 - inByte - take);
            v = (v << take) | (b & ((1 << take) - 1));
            at += take;
            remaining -= take;
        }
        return v;
    }

    public static void writeBits(byte[] out, int bit, int width, long value) {
        if ((bit & 7) == 0 && (width & 7) == 0) {
            int i = (bit >>> 3) + (width >>> 3) - 1;
            for (int n = width >>> 3; n > 0; n--) {
                out[i--] = (byte) value;
                value >>>= 8;
            }
            return;
        }
        int remaining = width;
        int at = bit;
        while (remaining > 0) {
            int inByte = at & 7;
            int take = Math.min(8 - inByte, remaining);
            int shift = 8 - inByte - take;
            int mask = ((1 << take) - 1) << shift;
            int chunk = ((int) (value >>> (remaining - take)) << shift) & mask;
            int i = at >>> 3;
            out[i] = (byte) ((out[i] & ~mask) | chunk);
            at += take;
            remaining -= take;
        }
    }

    private static BigInteger readBig(byte[] data, int bit, int width) {
        BigInteger v = BigInteger.ZERO;
        int done = 0;
        while (done < width) {
            int n = Math.min(56, width - done);
            v = v.shiftLeft(n).or(BigInteger.valueOf(readBits(data, bit + done, n)));
            done += n;
        }
        return v;
    }

    private static void writeBig(byte[] out, int bit, int width, BigInteger value) {
        int done = 0;
        while (done < width) {
            int n = Math.min(56, width - done);
            long chunk = value.shiftRight(width - done - n).longValue() & ((1L << n) - 1);
            writeBits(out, bit + done, n, chunk);
            done += n;
        }
    }
}
