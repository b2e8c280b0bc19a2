package org.intstream.query.function;

import java.util.List;
import org.intstream.query.type.Type;

/** Small checks shared by function signatures; each failure message says which argument and what fits. */
public final class Signatures {
    private Signatures() {
    }

    public static void arity(String function, List<Type> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            String expected = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min
                    : min + " to " + max;
            throw new IllegalArgumentException(function + "() takes " + expected + " argument"
                    + (min == 1 && max == 1 ? "" : "s") + ", not " + args.size());
        }
    }

    public static void expect(String function, List<Type> args, int index, Type... allowed) {
        Type t = args.get(index);
        for (Type a : allowed) {
            if (a.equals(Type.ANY) || a.equals(t)) {
                return;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < allowed.length; i++) {
            sb.append(i == 0 ? "" : i == allowed.length - 1 ? " or " : ", ").append(allowed[i].displayName());
        }
        throw new IllegalArgumentException("argument " + (index + 1) + " of " + function + "() must be " + sb
                + ", not " + t.displayName());
    }

    public static void expectNumeric(String function, List<Type> args, int index) {
        if (!args.get(index).isNumeric()) {
            throw new IllegalArgumentException("argument " + (index + 1) + " of " + function
                    + "() must be a number (int, float, duration or timestamp), not " + args.get(index).displayName());
        }
    }

    public static void expectOrdered(String function, List<Type> args, int index) {
        if (!args.get(index).isOrdered()) {
            throw new IllegalArgumentException("argument " + (index + 1) + " of " + function
                    + "() must have ordered values (a number, ip or string), not " + args.get(index).displayName());
        }
    }

    /** Compares two values of one ordered type (Long, Double, IpAddress, String); absent sorts first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number && b instanceof Number && !(a.getClass().equals(b.getClass()))) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (a instanceof Boolean && b instanceof Boolean) {
            return Boolean.compare((Boolean) a, (Boolean) b);
        }
        if (a instanceof Comparable && a.getClass().equals(b.getClass())) {
            return ((Comparable) a).compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }
}
