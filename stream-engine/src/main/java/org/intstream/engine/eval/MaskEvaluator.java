package org.intstream.engine.eval;

import org.intstream.engine.record.Record;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/** {@code mask(ip, bits)} without boxing for IPv4 and a constant bit count. */
public final class MaskEvaluator extends Evaluator {
    private final Evaluator address;
    private final Evaluator bits;

    public MaskEvaluator(Evaluator address, Evaluator bits) {
        super(Type.IP);
        this.address = address;
        this.bits = bits;
    }

    private static long v4Mask(long bits) {
        return bits <= 0 ? 0 : bits >= 32 ? 0xFFFFFFFFL : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    }

    @Override
    public long ip4(Record r) {
        long a = address.ip4(r);
        long b = bits.evalLong(r);
        if (a < 0) {
            return -1;
        }
        return a & v4Mask(b);
    }

    @Override
    public Object eval(Record r) {
        Object a = address.eval(r);
        Object b = bits.eval(r);
        if (a == null || b == null) {
            return null;
        }
        IpAddress ip = (IpAddress) a;
        long n = (Long) b;
        return IpPrefix.mask(ip, (int) Math.max(0, Math.min(ip.isV4() ? 32 : 128, n)));
    }
}
