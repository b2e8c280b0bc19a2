package org.intstream.query.function;

import java.util.List;
import java.util.function.Function;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/** The scalar functions every query can call. The engine has fast paths for some; these define them. */
public final class BuiltinScalars {
    private BuiltinScalars() {
    }

    public static List<ScalarFunction> all() {
        return List.of(new Mask(), new If(), new Coalesce(), new Abs(), new Seconds(), new Micros(),
                new Constructor("ip", Type.IP, "ip(string) -> ip", "an IPv4 or IPv6 address from its text",
                        v -> IpAddress.parse((String) v)),
                new Constructor("prefix", Type.PREFIX, "prefix(string) -> prefix", "an address prefix from its text",
                        v -> IpPrefix.parse((String) v)),
                new TimestampOf(), new Str());
    }

    /** {@code mask(ip, bits)}: keeps the first {@code bits} bits of an address (a subnet key). */
    public static final class Mask implements ScalarFunction {
        @Override
        public String name() {
            return "mask";
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("mask", args, 2, 2);
            Signatures.expect("mask", args, 0, Type.IP);
            Signatures.expect("mask", args, 1, Type.INT);
            return Type.IP;
        }

        @Override
        public Object apply(Object[] args) {
            IpAddress a = (IpAddress) args[0];
            long bits = (Long) args[1];
            int max = a.isV4() ? 32 : 128;
            return IpPrefix.mask(a, (int) Math.max(0, Math.min(max, bits)));
        }

        @Override
        public String signature() {
            return "mask(ip, int) -> ip";
        }

        @Override
        public String description() {
            return "the address with all but its first bits cleared (mask(ip.src, 24) is the /24 subnet)";
        }
    }

    /** {@code if(cond, x)} is x when cond is true, else absent; {@code if(cond, x, y)} is x or y. */
    public static final class If implements ScalarFunction {
        @Override
        public String name() {
            return "if";
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("if", args, 2, 3);
            Signatures.expect("if", args, 0, Type.BOOL);
            if (args.size() == 3 && !args.get(1).equals(args.get(2))) {
                throw new IllegalArgumentException("the two branches of if() must have one type, not "
                        + args.get(1).displayName() + " and " + args.get(2).displayName());
            }
            return args.get(1);
        }

        @Override
        public Object apply(Object[] args) {
            if (Boolean.TRUE.equals(args[0])) {
                return args[1];
            }
            return args.length == 3 ? args[2] : null;
        }

        @Override
        public boolean acceptsAbsent() {
            return true;
        }

        @Override
        public String signature() {
            return "if(bool, T [, T]) -> T";
        }

        @Override
        public String description() {
            return "the second argument when the condition is true, else the third (or absent)";
        }
    }

    /** {@code coalesce(a, b, ...)}: the first argument that is present. */
    public static final class Coalesce implements ScalarFunction {
        @Override
        public String name() {
            return "coalesce";
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("coalesce", args, 1, Integer.MAX_VALUE);
            for (int i = 1; i < args.size(); i++) {
                if (!args.get(i).equals(args.get(0))) {
                    throw new IllegalArgumentException("argument " + (i + 1) + " of coalesce() must be "
                            + args.get(0).displayName() + " like the first, not " + args.get(i).displayName());
                }
            }
            return args.get(0);
        }

        @Override
        public Object apply(Object[] args) {
            for (Object a : args) {
                if (a != null) {
                    return a;
                }
            }
            return null;
        }

        @Override
        public boolean acceptsAbsent() {
            return true;
        }

        @Override
        public String signature() {
            return "coalesce(T, T, ...) -> T";
        }

        @Override
        public String description() {
            return "the first argument that is present";
        }
    }

    /** {@code abs(x)}. */
    public static final class Abs implements ScalarFunction {
        @Override
        public String name() {
            return "abs";
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("abs", args, 1, 1);
            Signatures.expect("abs", args, 0, Type.INT, Type.FLOAT, Type.DURATION);
            return args.get(0);
        }

        @Override
        public Object apply(Object[] args) {
            return args[0] instanceof Double ? (Object) Math.abs((Double) args[0]) : (Object) Math.abs((Long) args[0]);
        }

        @Override
        public String signature() {
            return "abs(int|float|duration) -> same";
        }

        @Override
        public String description() {
            return "the absolute value";
        }
    }

    /** {@code seconds(d)}: a duration in (fractional) seconds. */
    public static final class Seconds implements ScalarFunction {
        @Override
        public String name() {
            return "seconds";
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("seconds", args, 1, 1);
            Signatures.expect("seconds", args, 0, Type.DURATION);
            return Type.FLOAT;
        }

        @Override
        public Object apply(Object[] args) {
            return ((Long) args[0]) / 1e6;
        }

        @Override
        public String signature() {
            return "seconds(duration) -> float";
        }

        @Override
        public String description() {
            return "a duration in seconds";
        }
    }

    /** {@code micros(t)}: a duration or timestamp as an integer number of microseconds. */
    public static final class Micros implements ScalarFunction {
        @Override
        public String name() {
            return "micros";
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("micros", args, 1, 1);
            Signatures.expect("micros", args, 0, Type.DURATION, Type.TIMESTAMP);
            return Type.INT;
        }

        @Override
        public Object apply(Object[] args) {
            return args[0];
        }

        @Override
        public String signature() {
            return "micros(duration|timestamp) -> int";
        }

        @Override
        public String description() {
            return "microseconds of a duration, or since the epoch for a timestamp";
        }
    }

    /** {@code timestamp(micros)}: a timestamp from microseconds since the epoch. */
    public static final class TimestampOf implements ScalarFunction {
        @Override
        public String name() {
            return "timestamp";
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("timestamp", args, 1, 1);
            Signatures.expect("timestamp", args, 0, Type.INT);
            return Type.TIMESTAMP;
        }

        @Override
        public Object apply(Object[] args) {
            return args[0];
        }

        @Override
        public String signature() {
            return "timestamp(int) -> timestamp";
        }

        @Override
        public String description() {
            return "the timestamp that many microseconds after the Unix epoch";
        }
    }

    /** {@code str(x)}: the text form of any value. */
    public static final class Str implements ScalarFunction {
        @Override
        public String name() {
            return "str";
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity("str", args, 1, 1);
            return Type.STRING;
        }

        @Override
        public Object apply(Object[] args) {
            return String.valueOf(args[0]);
        }

        @Override
        public String signature() {
            return "str(any) -> string";
        }

        @Override
        public String description() {
            return "the value as text";
        }
    }

    /** A one-argument constructor from text ({@code ip("fe80::1")}); bad text is an error. */
    public static final class Constructor implements ScalarFunction {
        private final String name;
        private final Type result;
        private final String signature;
        private final String description;
        private final Function<Object, Object> parse;

        Constructor(String name, Type result, String signature, String description, Function<Object, Object> parse) {
            this.name = name;
            this.result = result;
            this.signature = signature;
            this.description = description;
            this.parse = parse;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Type resultType(List<Type> args) {
            Signatures.arity(name, args, 1, 1);
            Signatures.expect(name, args, 0, Type.STRING);
            return result;
        }

        @Override
        public Object apply(Object[] args) {
            return parse.apply(args[0]);
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
}
