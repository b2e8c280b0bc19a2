package org.intstream.engine.aggregate;

import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;
import org.intstream.engine.tcp.TcpFacts;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.Type;

/**
 * Turns the key columns of a record into at most 128 bits, so that group and distinct tables keep keys in
 * primitive arrays: each part is a presence bit followed by its value bits (32 for an IPv4 address, the
 * catalogue width for header fields, 64 otherwise). Keys that can't be packed — an IPv6 address, a string,
 * a float — go to the boxed path ({@link #box}).
 */
public final class KeyCodec {
    private enum Kind { IP4, LONG, BOOL, BOXED }

    private final Evaluator[] parts;
    private final Kind[] kinds;
    private final int[] bits;
    private final int totalBits;
    private final int memoWord;

    /**
     * @param valueBits width of each part's values for long-valued parts (the catalogue width of a header
     *     field, else 64); ignored for other types
     */
    public KeyCodec(Evaluator[] parts, int[] valueBits) {
        this(parts, valueBits, -1);
    }

    /**
     * @param memoWord for a key that is a function of the packet's TCP connection and direction (addresses,
     *     ports, client and server), the connection memo word its tables use ({@link TcpFacts#memo}); else -1
     */
    public KeyCodec(Evaluator[] parts, int[] valueBits, int memoWord) {
        if (memoWord >= TcpFacts.MEMO_WORDS) {
            throw new IllegalArgumentException("memo word " + memoWord + " of " + TcpFacts.MEMO_WORDS);
        }
        this.memoWord = memoWord;
        this.parts = parts.clone();
        this.kinds = new Kind[parts.length];
        this.bits = new int[parts.length];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            Type t = parts[i].type();
            if (t.equals(Type.IP)) {
                kinds[i] = Kind.IP4;
                bits[i] = 32;
            } else if (t.equals(Type.BOOL)) {
                kinds[i] = Kind.BOOL;
                bits[i] = 1;
            } else if (t.equals(Type.INT) || t.equals(Type.TIMESTAMP) || t.equals(Type.DURATION)) {
                kinds[i] = Kind.LONG;
                bits[i] = Math.max(1, Math.min(64, valueBits[i]));
            } else {
                kinds[i] = Kind.BOXED;
                bits[i] = 0;
            }
            total += 1 + bits[i];
        }
        boolean anyBoxed = false;
        for (Kind k : kinds) {
            anyBoxed |= k == Kind.BOXED;
        }
        this.totalBits = anyBoxed || total > 128 ? -1 : total;
    }

    public int size() {
        return parts.length;
    }

    /** The connection memo word of this key's tables, or -1 when the key is not one per connection. */
    public int memoWord() {
        return memoWord;
    }

    /** True when keys can be packed at all (some records may still need the boxed path). */
    public boolean packable() {
        return totalBits >= 0; // no parts at all (a global reduce) packs into nothing
    }

    /**
     * Packs the key of {@code r} into {@code out[0..1]}.
     *
     * @return false when this record's key must take the boxed path
     */
    public boolean pack(Record r, long[] out) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < parts.length; i++) {
            r.absent = false;
            long v;
            switch (kinds[i]) {
                case IP4:
                    v = parts[i].ip4(r);
                    if (!r.absent && v < 0) {
                        r.absent = false;
                        return false; // IPv6
                    }
                    break;
                case BOOL:
                    int t = parts[i].test(r);
                    r.absent = t == Evaluator.UNKNOWN;
                    v = t == Evaluator.TRUE ? 1 : 0;
                    break;
                default:
                    v = parts[i].evalLong(r);
                    if (bits[i] < 64 && !r.absent && (v >>> bits[i]) != 0) {
                        r.absent = false;
                        return false; // wider than its field: keep it exact on the boxed path
                    }
            }
            long present = r.absent ? 0 : 1;
            if (r.absent) {
                v = 0;
            }
            r.absent = false;
            // shift (hi, lo) left by 1 + bits and append presence and value
            int n = 1 + bits[i];
            long chunkHi;
            long chunkLo;
            if (bits[i] == 64) {
                chunkHi = present;
                chunkLo = v;
            } else {
                chunkHi = 0;
                chunkLo = (present << bits[i]) | v;
            }
            if (n >= 64) {
                hi = (n == 64 ? lo : lo << (n - 64)) | chunkHi;
                lo = chunkLo;
            } else {
                hi = (hi << n) | (lo >>> (64 - n));
                lo = (lo << n) | chunkLo;
            }
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    /** The boxed key values of a packed key. */
    public Object[] unpack(long hi, long lo) {
        Object[] values = new Object[parts.length];
        for (int i = parts.length - 1; i >= 0; i--) {
            int n = 1 + bits[i];
            long v;
            long present;
            if (bits[i] == 64) {
                v = lo;
                present = hi & 1;
            } else {
                v = lo & ((1L << bits[i]) - 1);
                present = (lo >>> bits[i]) & 1;
            }
            // shift (hi, lo) right by n
            if (n >= 64) {
                lo = n == 64 ? hi : hi >>> (n - 64);
                hi = 0;
            } else {
                lo = (lo >>> n) | (hi << (64 - n));
                hi = hi >>> n;
            }
            if (present == 0) {
                values[i] = null;
                continue;
            }
            switch (kinds[i]) {
                case IP4:
                    values[i] = IpAddress.v4((int) v);
                    break;
                case BOOL:
                    values[i] = v != 0;
                    break;
                default:
                    values[i] = v;
            }
        }
        return values;
    }

    /** The key values boxed (for keys that don't pack). */
    public Object[] box(Record r) {
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parts[i].eval(r);
        }
        return values;
    }
}
