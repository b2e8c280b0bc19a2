package org.intstream.query.function;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.intstream.query.type.Type;

/**
 * The aggregates every {@code reduce} can use. These generic accumulators define the semantics; the engine
 * runs specialised versions of the common ones on its per-packet path and is tested against these.
 */
public final class BuiltinAggregates {
    private BuiltinAggregates() {
    }

    public static List<AggregateFunction> all() {
        return List.of(new Count(), new CountIf(), new CountDistinct(), new Sum(), new Extreme("min", -1),
                new Extreme("max", 1), new Avg(), new Collect(), new Percentile(), new Any());
    }

    /** Base for the built-ins: name, signature, description and an accumulator factory. */
    abstract static class Builtin implements AggregateFunction {
        private final String name;
        private final String signature;
        private final String description;

        Builtin(String name, String signature, String description) {
            this.name = name;
            this.signature = signature;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String signature() {
            return signature;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** {@code count()} counts tuples; {@code count(x)} counts tuples where x is present. */
    public static final class Count extends Builtin {
        Count() {
            super("count", "count([any]) -> int", "the number of tuples (with an argument: where it is present)");
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("count", args, 0, 1);
            return Type.INT;
        }

        @Override
        public Accumulator newAccumulator(List<Type> args) {
            return new LongAccumulator(0, (acc, a) -> acc + 1);
        }
    }

    /** {@code countif(cond)}: tuples where the condition is true. */
    public static final class CountIf extends Builtin {
        CountIf() {
            super("countif", "countif(bool) -> int", "the number of tuples where the condition is true");
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("countif", args, 1, 1);
            Signatures.expect("countif", args, 0, Type.BOOL);
            return Type.INT;
        }

        @Override
        public Accumulator newAccumulator(List<Type> args) {
            return new LongAccumulator(0, (acc, a) -> Boolean.TRUE.equals(a[0]) ? acc + 1 : acc);
        }
    }

    /** {@code count_distinct(x, ...)}: distinct combinations of the arguments (all present). */
    public static final class CountDistinct extends Builtin {
        CountDistinct() {
            super("count_distinct", "count_distinct(any, ...) -> int", "the number of distinct argument combinations");
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("count_distinct", args, 1, Integer.MAX_VALUE);
            return Type.INT;
        }

        @Override
        public Accumulator newAccumulator(List<Type> args) {
            return new Accumulator() {
                private final Set<List<Object>> seen = new HashSet<>();

                @Override
                public void add(Object[] a) {
                    seen.add(Arrays.asList(a.clone()));
                }

                @Override
                public void merge(Accumulator other) {
                    throw new UnsupportedOperationException("count_distinct partials merge through their sets");
                }

                @Override
                public Object result() {
                    return (long) seen.size();
                }
            };
        }
    }

    /** {@code sum(x)}. */
    public static final class Sum extends Builtin {
        Sum() {
            super("sum", "sum(int|float|duration) -> same", "the sum of the present values (absent when there is none)");
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("sum", args, 1, 1);
            Signatures.expect("sum", args, 0, Type.INT, Type.FLOAT, Type.DURATION);
            return args.get(0);
        }

        @Override
        public Accumulator newAccumulator(List<Type> args) {
            if (args.get(0).equals(Type.FLOAT)) {
                return new DoubleSum();
            }
            return new LongSum();
        }
    }

    /** {@code min(x)} and {@code max(x)}; absent when no value is present. */
    public static final class Extreme extends Builtin {
        private final int sign;

        Extreme(String name, int sign) {
            super(name, name + "(ordered) -> same", "the " + (sign < 0 ? "smallest" : "largest") + " present value");
            this.sign = sign;
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity(name(), args, 1, 1);
            Signatures.expectOrdered(name(), args, 0);
            return args.get(0);
        }

        @Override
        public Accumulator newAccumulator(List<Type> args) {
            return new Accumulator() {
                private Object best;

                @Override
                public void add(Object[] a) {
                    if (best == null || Signatures.compareValues(a[0], best) * sign > 0) {
                        best = a[0];
                    }
                }

                @Override
                public void merge(Accumulator other) {
                    Object o = other.result();
                    if (o != null) {
                        add(new Object[] {o});
                    }
                }

                @Override
                public Object result() {
                    return best;
                }
            };
        }
    }

    /** {@code avg(x)} as a float; absent over no values. */
    public static final class Avg extends Builtin {
        Avg() {
            super("avg", "avg(int|float|duration) -> float", "the mean of the present values");
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("avg", args, 1, 1);
            Signatures.expect("avg", args, 0, Type.INT, Type.FLOAT, Type.DURATION);
            return Type.FLOAT;
        }

        @Override
        public Accumulator newAccumulator(List<Type> args) {
            return new AvgAccumulator();
        }
    }

    /** {@code collect(x)}: the present values in arrival order. */
    public static final class Collect extends Builtin {
        Collect() {
            super("collect", "collect(T) -> list<T>", "the present values in arrival order");
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("collect", args, 1, 1);
            return Type.listOf(args.get(0));
        }

        @Override
        public Accumulator newAccumulator(List<Type> args) {
            return new Accumulator() {
                private final List<Object> values = new ArrayList<>();

                @Override
                public void add(Object[] a) {
                    values.add(a[0]);
                }

                @Override
                @SuppressWarnings("unchecked")
                public void merge(Accumulator other) {
                    values.addAll((List<Object>) other.result());
                }

                @Override
                public Object result() {
                    return Collections.unmodifiableList(new ArrayList<>(values));
                }
            };
        }
    }

    /** {@code percentile(x, p)}: the nearest-rank p-th percentile of the present values. */
    public static final class Percentile extends Builtin {
        Percentile() {
            super("percentile", "percentile(number, p) -> same",
                    "the nearest-rank p-th percentile (0 < p <= 100) of the present values");
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("percentile", args, 2, 2);
            Signatures.expect("percentile", args, 0, Type.INT, Type.FLOAT, Type.DURATION, Type.TIMESTAMP);
            Signatures.expect("percentile", args, 1, Type.INT, Type.FLOAT);
            return args.get(0);
        }

        @Override
        public Accumulator newAccumulator(List<Type> args) {
            return new Accumulator() {
                private final List<Object> values = new ArrayList<>();
                private double p = Double.NaN;

                @Override
                public void add(Object[] a) {
                    values.add(a[0]);
                    p = ((Number) a[1]).doubleValue();
                }

                @Override
                public void merge(Accumulator other) {
                    throw new UnsupportedOperationException("percentile partials merge through their values");
                }

                @Override
                public Object result() {
                    if (values.isEmpty()) {
                        return null;
                    }
                    List<Object> sorted = new ArrayList<>(values);
                    sorted.sort(Signatures::compareValues);
                    return sorted.get(nearestRank(p, sorted.size()));
                }
            };
        }

        /** Index (0-based) of the nearest-rank percentile: ceil(p/100 * n) - 1, clamped. */
        public static int nearestRank(double p, int n) {
            int rank = (int) Math.ceil(p / 100.0 * n);
            return Math.max(0, Math.min(n - 1, rank - 1));
        }
    }

    /** {@code any(x)}: the first present value. */
    public static final class Any extends Builtin {
        Any() {
            super("any", "any(T) -> T", "the first present value");
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("any", args, 1, 1);
            return args.get(0);
        }

        @Override
        public Accumulator newAccumulator(List<Type> args) {
            return new Accumulator() {
                private Object first;

                @Override
                public void add(Object[] a) {
                    if (first == null) {
                        first = a[0];
                    }
                }

                @Override
                public void merge(Accumulator other) {
                    if (first == null) {
                        first = other.result();
                    }
                }

                @Override
                public Object result() {
                    return first;
                }
            };
        }
    }

    /** A long-valued accumulator with a fold step; merges by adding. */
    static final class LongAccumulator implements Accumulator {
        interface Step {
            long apply(long acc, Object[] args);
        }

        private long value;
        private final Step step;

        LongAccumulator(long initial, Step step) {
            this.value = initial;
            this.step = step;
        }

        @Override
        public void add(Object[] args) {
            value = step.apply(value, args);
        }

        @Override
        public void merge(Accumulator other) {
            value += (Long) other.result();
        }

        @Override
        public Object result() {
            return value;
        }
    }

    /** Sum of integers; absent when no value was present (SQL). */
    static final class LongSum implements Accumulator {
        private long sum;
        private boolean seen;

        @Override
        public void add(Object[] args) {
            sum += (Long) args[0];
            seen = true;
        }

        @Override
        public void merge(Accumulator other) {
            Object o = other.result();
            if (o != null) {
                sum += (Long) o;
                seen = true;
            }
        }

        @Override
        public Object result() {
            return seen ? sum : null;
        }
    }

    /** Sum of floats; absent when no value was present (SQL). */
    static final class DoubleSum implements Accumulator {
        private double sum;
        private boolean seen;

        @Override
        public void add(Object[] args) {
            sum += (Double) args[0];
            seen = true;
        }

        @Override
        public void merge(Accumulator other) {
            Object o = other.result();
            if (o != null) {
                sum += (Double) o;
                seen = true;
            }
        }

        @Override
        public Object result() {
            return seen ? sum : null;
        }
    }

    static final class AvgAccumulator implements Accumulator {
        private double sum;
        private long count;

        @Override
        public void add(Object[] args) {
            sum += ((Number) args[0]).doubleValue();
            count++;
        }

        @Override
        public void merge(Accumulator other) {
            AvgAccumulator o = (AvgAccumulator) other;
            sum += o.sum;
            count += o.count;
        }

        @Override
        public Object result() {
            return count == 0 ? null : sum / count;
        }
    }
}
