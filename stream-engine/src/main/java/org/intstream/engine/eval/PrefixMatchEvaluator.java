package org.intstream.engine.eval;

import org.intstream.engine.record.Record;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/** {@code ip in prefix}; IPv4 against a constant IPv4 prefix is a mask and a compare. */
public final class PrefixMatchEvaluator extends Evaluator {
    private final Evaluator address;
    private final Evaluator prefix;
    private final IpPrefix constant;
    private final long mask;
    private final long network;

    public PrefixMatchEvaluator(Evaluator address, Evaluator prefix) {
        super(Type.BOOL);
        this.address = address;
        this.prefix = prefix;
        this.constant = prefix instanceof ConstantEvaluator ? (IpPrefix) ((ConstantEvaluator) prefix).value() : null;
        if (constant != null && constant.network().isV4()) {
            mask = constant.length() == 0 ? 0 : (0xFFFFFFFFL << (32 - constant.length())) & 0xFFFFFFFFL;
            network = constant.network().v4Bits() & 0xFFFFFFFFL;
        } else {
            mask = -1;
            network = -1;
        }
    }

    @Override
    public int test(Record r) {
        if (network >= 0) {
            boolean saved = r.absent;
            r.absent = false;
            long a = address.ip4(r);
            boolean absent = r.absent;
            r.absent = saved;
            if (absent) {
                return UNKNOWN;
            }
            if (a >= 0) {
                return (a & mask) == network ? TRUE : FALSE;
            }
            return FALSE; // an IPv6 address is never inside an IPv4 prefix
        }
        Object a = address.eval(r);
        Object p = prefix.eval(r);
        if (a == null || p == null) {
            return UNKNOWN;
        }
        return ((IpPrefix) p).contains((IpAddress) a) ? TRUE : FALSE;
    }

    @Override
    public long evalLong(Record r) {
        int t = test(r);
        if (t == UNKNOWN) {
            r.absent = true;
        }
        return t == TRUE ? 1 : 0;
    }

    @Override
    public Object eval(Record r) {
        int t = test(r);
        return t == UNKNOWN ? null : t == TRUE;
    }
}
