package org.intstream.engine.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads integers of either byte order straight from a byte array, as capture headers need. */
final class TraceBytes {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.BIG_ENDIAN);

    private TraceBytes() {
    }

    static int int32(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(b, off) : (int) INT_LE.get(b, off);
    }

    static long uint32(byte[] b, int off, boolean bigEndian) {
        return int32(b, off, bigEndian) & 0xFFFFFFFFL;
    }

    static int uint16(byte[] b, int off, boolean bigEndian) {
        return (bigEndian ? (short) SHORT_BE.get(b, off) : (short) SHORT_LE.get(b, off)) & 0xFFFF;
    }

    /** A 64-bit value stored as two 32-bit halves, high half first, in the given order (pcapng's layout). */
    static long int64HighFirst(byte[] b, int off, boolean bigEndian) {
        return (uint32(b, off, bigEndian) << 32) | uint32(b, off + 4, bigEndian);
    }

    /** A plain 64-bit integer in the given byte order. */
    static long int64(byte[] b, int off, boolean bigEndian) {
        long first = uint32(b, off, bigEndian);
        long second = uint32(b, off + 4, bigEndian);
        return bigEndian ? (first << 32) | second : (second << 32) | first;
    }

    /** The first bytes of a buffer in hex, for messages about unrecognised input. */
    static String hexPrefix(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((b[off + i] >> 4) & 0xF, 16)).append(Character.forDigit(b[off + i] & 0xF, 16));
        }
        return sb.toString();
    }
}
