package org.intstream.query.function;

import java.util.ArrayList;
import java.util.List;
import org.intstream.query.type.Type;

/**
 * The user-defined functions of the STREAM network-monitoring queries, registered through the same
 * {@link FunctionProvider} interface any user's functions use: {@code isSyn(flags)}, {@code isAck(flags)} and
 * the windowed aggregate {@code ExpDecAvg(x)}.
 */
public final class StreamQueryFunctions implements FunctionProvider {

    @Override
    public List<ScalarFunction> scalarFunctions() {
        return List.of(new FlagTest("issyn", 0x02, "SYN"), new FlagTest("isack", 0x10, "ACK"));
    }

    @Override
    public List<AggregateFunction> aggregateFunctions() {
        return List.of(new ExpDecAvg());
    }

    /** {@code isSyn(flags)} / {@code isAck(flags)}: whether a TCP flag bit is set. */
    static final class FlagTest implements ScalarFunction {
        private final String name;
        private final int bit;
        private final String flag;

        FlagTest(String name, int bit, String flag) {
            this.name = name;
            this.bit = bit;
            this.flag = flag;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity(name, args, 1, 1);
            Signatures.expect(name, args, 0, Type.INT);
            return Type.BOOL;
        }

        @Override
        public Object apply(Object[] args) {
            return (((Long) args[0]) & bit) != 0;
        }

        @Override
        public String signature() {
            return name + "(int) -> bool";
        }

        @Override
        public String description() {
            return "whether the TCP " + flag + " flag is set in a flags byte";
        }
    }

    /**
     * {@code ExpDecAvg(x)}: the exponentially decaying average of the last (at most) ten values in the order
     * they come (timestamp order), each value weighing half of the one after it:
     * {@code sum(w_i * x_i) / sum(w_i)} with {@code w_i = 2^-(n-i)}.
     */
    public static final class ExpDecAvg implements AggregateFunction {
        /** How many of the latest values count. */
        public static final int MAX_VALUES = 10;

        @Override
        public String name() {
            return "expdecavg";
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("expdecavg", args, 1, 1);
            Signatures.expect("expdecavg", args, 0, Type.INT, Type.FLOAT);
            return Type.FLOAT;
        }

        @Override
        public Accumulator newAccumulator(List<Type> args) {
            return new Accumulator() {
                private final List<Double> values = new ArrayList<>();

                @Override
                public void add(Object[] a) {
                    values.add(((Number) a[0]).doubleValue());
                    if (values.size() > MAX_VALUES) {
                        values.remove(0);
                    }
                }

                @Override
                public void merge(Accumulator other) {
                    throw new UnsupportedOperationException("ExpDecAvg depends on order; it does not merge");
                }

                @Override
                public Object result() {
                    if (values.isEmpty()) {
                        return null;
                    }
                    double num = 0;
                    double den = 0;
                    double w = 1;
                    for (int i = values.size() - 1; i >= 0; i--) {
                        num += w * values.get(i);
                        den += w;
                        w /= 2;
                    }
                    return num / den;
                }
            };
        }

        @Override
        public String signature() {
            return "expdecavg(int|float) -> float";
        }

        @Override
        public String description() {
            return "the exponentially decaying average (decay 1/2 per step) of the last 10 values in time order";
        }
    }
}
