package org.intstream.softswitch.extern;

import java.util.Locale;
import java.util.zip.CRC32;

/**
 * BMv2's hash functions over a byte buffer, bit-exact with {@code bm_sim/calculations.cpp}: {@code crc32}
 * (the standard reflected CRC-32, as java.util.zip.CRC32), {@code crc16} (CRC-16/ARC), {@code crcCCITT}
 * (CRC-16/CCITT-FALSE), {@code csum16}/{@code cksum16} (the Internet checksum of the bytes padded with a
 * zero byte), {@code identity} (the first 8 bytes, big-endian), {@code xor16}/{@code xor32} (the XOR of
 * the bytes taken as 2- or 4-byte big-endian words, the last one zero-padded at the end), and the
 * {@code crc8/16/32/64_custom} CRCs with BMv2's default parameters (the soft switch cannot reconfigure
 * them; neither can a P4Runtime client of BMv2).
 */
public enum HashAlgorithm {
    CRC32, CRC16, CRC_CCITT, CSUM16, IDENTITY, XOR16, XOR32, CRC8_CUSTOM, CRC16_CUSTOM, CRC32_CUSTOM, CRC64_CUSTOM;

    private static final Crc CRC8_DEFAULT = new Crc(8, 0x07, 0, 0, false, false);
    private static final Crc CRC16_DEFAULT = new Crc(16, 0x8005, 0, 0, true, true);
    private static final Crc CRC32_DEFAULT = new Crc(32, 0x04c11db7L, 0xffffffffL, 0xffffffffL, true, true);
    private static final Crc CRC64_DEFAULT = new Crc(64, 0x1bL, 0, 0, true, true);

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
            case "xor16":
                return XOR16;
            case "xor32":
                return XOR32;
            case "crc8_custom":
                return CRC8_CUSTOM;
            case "crc16_custom":
                return CRC16_CUSTOM;
            case "crc32_custom":
                return CRC32_CUSTOM;
            case "crc64_custom":
                return CRC64_CUSTOM;
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
            case XOR16:
                return xorWords(buf, len, 2);
            case XOR32:
                return xorWords(buf, len, 4);
            case CRC8_CUSTOM:
                return CRC8_DEFAULT.compute(buf, len);
            case CRC16_CUSTOM:
                return CRC16_DEFAULT.compute(buf, len);
            case CRC32_CUSTOM:
                return CRC32_DEFAULT.compute(buf, len);
            case CRC64_CUSTOM:
                return CRC64_DEFAULT.compute(buf, len);
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

    /** XOR of n-byte big-endian words; a short last word is padded with zero bytes at its end. */
    private static long xorWords(byte[] buf, int len, int n) {
        long x = 0;
        for (int i = 0; i < len; i += n) {
            long w = 0;
            for (int k = 0; k < n; k++) {
                w = (w << 8) | (i + k < len ? buf[i + k] & 0xFF : 0);
            }
            x ^= w;
        }
        return x;
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
