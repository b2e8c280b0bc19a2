package org.intstream.softswitch.extern;

import java.util.Locale;
import java.util.zip.CRC32;

/**
 * BMv2's hash functions over a byte buffer, bit-exact with {@code bm_sim/calculations.cpp}: {@code crc32}
 * (the standard reflected CRC-32, as java.util.zip.CRC32), {@code crc16} (CRC-16/ARC), {@code crcCCITT}
 * (CRC-16/CCITT-FALSE), {@code csum16}/{@code cksum16} (the Internet checksum of the bytes padded with a
 * zero byte) and {@code identity} (the first 8 bytes, big-endian, zero-padded at the end).
 */
public enum HashAlgorithm {
    CRC32, CRC16, CRC_CCITT, CSUM16, IDENTITY;

    private static final int[] CRC16_TABLE = reflectedTable(0xA001);
    private static final int[] CCITT_TABLE = ccittTable();

    /** The algorithm BMv2 registers under {@code name}, or null. */
    public static HashAlgorithm byBmv2Name(String name) {
        switch (name) {
            case "crc32":
                return CRC32;
            case "crc16":
                return CRC16;
            case "crcCCITT":
                return CRC_CCITT;
            case "csum16":
            case "cksum16":
                return CSUM16;
            case "identity":
                return IDENTITY;
            default:
                return null;
        }
    }

    /** The hash of {@code len} bytes of {@code buf}, as BMv2's unsigned 64-bit result. */
    public long hash(byte[] buf, int len) {
        switch (this) {
            case CRC32: {
                CRC32 crc = new CRC32();
                crc.update(buf, 0, len);
                return crc.getValue();
            }
            case CRC16: {
                int crc = 0;
                for (int i = 0; i < len; i++) {
                    crc = (crc >>> 8) ^ CRC16_TABLE[(crc ^ buf[i]) & 0xFF];
                }
                return crc & 0xFFFF;
            }
            case CRC_CCITT: {
                int crc = 0xFFFF;
                for (int i = 0; i < len; i++) {
                    crc = ((crc << 8) ^ CCITT_TABLE[((crc >>> 8) ^ buf[i]) & 0xFF]) & 0xFFFF;
                }
                return crc;
            }
            case CSUM16:
                return internetChecksum(buf, len);
            default: {
                long v = 0;
                int n = Math.min(8, len);
                for (int i = 0; i < n; i++) {
                    v = (v << 8) | (buf[i] & 0xFF);
                }
                return v;
            }
        }
    }

    /** RFC 1071: the ones' complement of the ones' complement sum of 16-bit big-endian words. */
    static long internetChecksum(byte[] buf, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((buf[i] & 0xFF) << 8) | (buf[i + 1] & 0xFF);
        }
        if (i < len) {
            sum += (buf[i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    private static int[] reflectedTable(int poly) {
        int[] t = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ poly : c >>> 1;
            }
            t[n] = c;
        }
        return t;
    }

    private static int[] ccittTable() {
        int[] t = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n << 8;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
            }
            t[n] = c & 0xFFFF;
        }
        return t;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
