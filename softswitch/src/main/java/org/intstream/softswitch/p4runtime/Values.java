package org.intstream.softswitch.p4runtime;

import com.google.protobuf.ByteString;
import java.math.BigInteger;

/**
 * P4Runtime's byte strings: big-endian unsigned values. The server accepts any length that fits the
 * width (leading zero bytes included) and answers in canonical form, the shortest bytes (at least one).
 */
public final class Values {
    private Values() {
    }

    /** The value of {@code bytes}, which must fit in {@code width} bits; {@code what} names it in errors. */
    public static BigInteger read(ByteString bytes, int width, String what) {
        if (bytes.isEmpty()) {
            throw P4RuntimeException.invalid(what + " is empty");
        }
        BigInteger v = new BigInteger(1, bytes.toByteArray());
        if (v.bitLength() > width) {
            throw P4RuntimeException.invalid(what + " is 0x" + v.toString(16) + ", which does not fit in "
                    + width + " bits");
        }
        return v;
    }

    public static ByteString canonical(BigInteger v) {
        byte[] b = v.toByteArray();
        int start = 0;
        while (start < b.length - 1 && b[start] == 0) {
            start++;
        }
        return ByteString.copyFrom(b, start, b.length - start);
    }

    public static ByteString canonical(long unsigned) {
        return canonical(new BigInteger(Long.toUnsignedString(unsigned)));
    }
}
