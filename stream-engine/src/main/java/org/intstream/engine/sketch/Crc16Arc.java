package org.intstream.engine.sketch;

/**
 * CRC-16/ARC (reflected polynomial 0x8005, initial value 0, no final xor): what BMv2's {@code crc16} hash
 * computes. Check value for "123456789" is 0xBB3D.
 */
public final class Crc16Arc {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xA001 : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Crc16Arc() {
    }

    public static int compute(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc & 0xFFFF;
    }
}
