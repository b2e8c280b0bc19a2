package org.intstream.engine.switchtwin;

import java.util.zip.CRC32;
import org.intstream.engine.sketch.Crc16Arc;
import org.intstream.query.partition.TupleMasks;

/**
 * The three hashes a slot computes over a masked 5-tuple, as BMv2 packs the field list (big-endian,
 * 13 bytes): crc32 of (src, dst, proto, sport, dport), crc16 (ARC) of the same bytes, and crc32 of the
 * fields in reverse order. Reused per packet.
 */
final class TupleHash {
    private final byte[] forward = new byte[13];
    private final byte[] reversed = new byte[13];
    private final CRC32 crc = new CRC32();
    long crc32;
    int crc16;
    long crc32Reversed;

    void compute(SwitchHeaders h, TupleMasks m) {
        int src = h.src & m.src();
        int dst = h.dst & m.dst();
        int proto = h.proto & m.proto();
        int sport = h.sport & m.sport();
        int dport = h.dport & m.dport();
        put32(forward, 0, src);
        put32(forward, 4, dst);
        forward[8] = (byte) proto;
        put16(forward, 9, sport);
        put16(forward, 11, dport);
        put16(reversed, 0, dport);
        put16(reversed, 2, sport);
        reversed[4] = (byte) proto;
        put32(reversed, 5, dst);
        put32(reversed, 9, src);
        crc.reset();
        crc.update(forward, 0, 13);
        crc32 = crc.getValue();
        crc16 = Crc16Arc.compute(forward, 0, 13);
        crc.reset();
        crc.update(reversed, 0, 13);
        crc32Reversed = crc.getValue();
    }

    private static void put32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }
}
