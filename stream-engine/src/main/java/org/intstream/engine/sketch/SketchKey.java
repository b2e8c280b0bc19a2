package org.intstream.engine.sketch;

import org.intstream.engine.eval.Evaluator;
import org.intstream.engine.record.Record;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.Type;

/**
 * Reads a sketch's key fields from a record into the arrays the hash functions take, with the switch's
 * field widths: 32 bits for an address, the catalogue width for header fields, 64 otherwise. A record
 * whose key is absent is not sketched.
 */
public final class SketchKey {
    private final Evaluator[] parts;
    private final int[] widths;
    final long[] hi;
    final long[] lo;

    public SketchKey(Evaluator[] parts, int[] widths) {
        this.parts = parts.clone();
        this.widths = widths.clone();
        this.hi = new long[parts.length];
        this.lo = new long[parts.length];
    }

    public int[] widths() {
        return widths.clone();
    }

    public long[] hi() {
        return hi;
    }

    public long[] lo() {
        return lo;
    }

    /** Reads the key of {@code r}; false when it can't be sketched. */
    public boolean read(Record r) {
        for (int i = 0; i < parts.length; i++) {
            r.absent = false;
            long v;
            if (parts[i].type().equals(Type.IP)) {
                v = parts[i].ip4(r);
                if (v < 0 && !r.absent) {
                    v = foldV6((IpAddress) parts[i].eval(r));
                }
            } else if (parts[i].type().equals(Type.BOOL)) {
                int t = parts[i].test(r);
                r.absent = t == Evaluator.UNKNOWN;
                v = t == Evaluator.TRUE ? 1 : 0;
            } else {
                v = parts[i].evalLong(r);
            }
            if (r.absent) {
                r.absent = false;
                return false;
            }
            hi[i] = 0;
            lo[i] = widths[i] >= 64 ? v : v & ((1L << widths[i]) - 1);
        }
        return true;
    }

    /**
     * A host sketching an IPv6 address folds it to the 32-bit field (xor of its four words): the count-min
     * property (never under-count) holds for any hash, and the switch, which parses IPv4 only, never sees one.
     */
    static long foldV6(IpAddress a) {
        long x = a.hi() ^ a.lo();
        return (x ^ (x >>> 32)) & 0xFFFFFFFFL;
    }

    /** The key's values boxed (for output), from the record just read. */
    public Object[] box(Record r) {
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parts[i].eval(r);
        }
        return values;
    }

    /** Whether the key just read equals a stored one. */
    boolean sameAs(long[] storedLo) {
        for (int i = 0; i < lo.length; i++) {
            if (lo[i] != storedLo[i]) {
                return false;
            }
        }
        return true;
    }
}
