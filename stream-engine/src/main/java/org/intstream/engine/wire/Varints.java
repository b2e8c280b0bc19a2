package org.intstream.engine.wire;

import java.io.ByteArrayOutputStream;

/**
 * Base-128 varints as protobuf writes them (and zig-zag for signed values), over plain bytes: the compact
 * values of partial results are written and read the same way by every runtime that carries them, whatever
 * protobuf library that runtime ships.
 */
final class Varints {
    private Varints() {
    }

    static void write(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    static void writeSigned(ByteArrayOutputStream out, long v) {
        write(out, (v << 1) ^ (v >> 63));
    }

    /** The bytes end inside a varint, or a varint runs past 10 bytes. */
    static final class CutShort extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        CutShort(String message) {
            super(message);
        }
    }

    /** Reads varints from a byte array, one after another. */
    static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean atEnd() {
            return at >= bytes.length;
        }

        /** @throws CutShort when the bytes end inside a varint or it is longer than 10 bytes */
        long read() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at >= bytes.length) {
                    throw new CutShort("a varint cut short at byte " + at);
                }
                byte b = bytes[at++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new CutShort("a varint longer than 10 bytes ending at byte " + at);
        }

        long readSigned() {
            long v = read();
            return (v >>> 1) ^ -(v & 1);
        }

        /** The next {@code n} bytes as they are. @throws CutShort when fewer are left */
        byte[] readBytes(long n) {
            if (n < 0 || n > bytes.length - at) {
                throw new CutShort(n + " bytes wanted at byte " + at + ", " + (bytes.length - at) + " left");
            }
            byte[] out = java.util.Arrays.copyOfRange(bytes, at, at + (int) n);
            at += (int) n;
            return out;
        }
    }
}
