package org.intstream.softswitch.action;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The arguments a table entry gives its action: parameters of up to 64 bits as longs, wider ones as
 * BigIntegers (at the same index; the other array's element is unused).
 */
public final class ActionData {
    public static final ActionData NONE = new ActionData(new long[0], new BigInteger[0]);

    final long[] args;
    final BigInteger[] wideArgs;

    public ActionData(long[] args, BigInteger[] wideArgs) {
        this.args = args;
        this.wideArgs = wideArgs;
    }

    /** Arguments from unsigned values, each already within its parameter's width. */
    public static ActionData of(ActionSpec action, BigInteger[] values) {
        if (values.length != action.paramCount()) {
            throw new IllegalArgumentException("action " + action.name() + " takes " + action.paramCount()
                    + " argument(s), got " + values.length);
        }
        long[] small = new long[values.length];
        BigInteger[] wide = new BigInteger[values.length];
        for (int i = 0; i < values.length; i++) {
            BigInteger v = values[i];
            if (v.signum() < 0 || v.bitLength() > action.paramWidth(i)) {
                throw new IllegalArgumentException("argument " + action.paramNames().get(i) + " of action "
                        + action.name() + " is " + v + ", which does not fit in " + action.paramWidth(i) + " bits");
            }
            small[i] = v.longValue();
            wide[i] = v;
        }
        return new ActionData(small, wide);
    }

    /** The argument values, unsigned. */
    public BigInteger[] values() {
        BigInteger[] out = new BigInteger[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = wideArgs[i] != null ? wideArgs[i] : new BigInteger(Long.toUnsignedString(args[i]));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionData && Arrays.equals(values(), ((ActionData) o).values());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values());
    }
}
