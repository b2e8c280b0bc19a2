package org.intstream.softswitch.extern;

/**
 * A table-driven CRC with BMv2's parameters (polynomial, initial remainder, final XOR, reflected input
 * and output), computed as {@code crc_custom} in {@code bm_sim/calculations.cpp} does.
 */
final class Crc {
    private final int width;
    private final long mask;
    private final long init;
    private final long xorOut;
    private final boolean reflectIn;
    private final boolean reflectOut;
    private final long[] table = new long[256];

    Crc(int width, long polynomial, long init, long xorOut, boolean reflectIn, boolean reflectOut) {
        this.width = width;
        this.mask = width == 64 ? -1L : (1L << width) - 1;
        this.init = init;
        this.xorOut = xorOut;
        this.reflectIn = reflectIn;
        this.reflectOut = reflectOut;
        long top = 1L << (width - 1);
        for (int dividend = 0; dividend < 256; dividend++) {
            long r = ((long) dividend << (width - 8)) & mask;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & top) != 0 ? ((r << 1) ^ polynomial) & mask : (r << 1) & mask;
            }
            table[dividend] = r;
        }
    }

    long compute(byte[] buf, int len) {
        long r = init;
        for (int i = 0; i < len; i++) {
            int b = buf[i] & 0xFF;
            int data = (int) (((reflectIn ? reflect(b, 8) : b) ^ (r >>> (width - 8))) & 0xFF);
            r = (table[data] ^ (r << 8)) & mask;
        }
        return ((reflectOut ? reflect(r, width) : r) ^ xorOut) & mask;
    }

    private static long reflect(long v, int bits) {
        return Long.reverse(v) >>> (64 - bits);
    }
}
