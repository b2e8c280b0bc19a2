package org.intstream.query.partition;

import java.util.ArrayList;
import java.util.List;
import org.intstream.query.expr.BinaryExpr;
import org.intstream.query.expr.BinaryOperator;
import org.intstream.query.expr.Expr;
import org.intstream.query.expr.ExprPrinter;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.expr.Literal;
import org.intstream.query.expr.UnaryExpr;
import org.intstream.query.expr.UnaryOperator;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;

/**
 * Turns a filter condition into ternary entries: a disjunction of {@link SwitchMatch}es (an empty list
 * admits nothing). {@code and} multiplies entries, {@code or} adds them, {@code not} is pushed down to
 * flag and presence tests. A field a packet lacks makes the engine's condition false, so a test on TCP
 * flags also pins the protocol to TCP, and one on ports to TCP or UDP, as the switch reads zero there.
 * Inequalities and ranges are refused: a ternary entry cannot say "not this value".
 */
final class FilterTranslator {
    private static final int TCP = 6;
    private static final int UDP = 17;

    private FilterTranslator() {
    }

    static List<SwitchMatch> translate(Expr e) {
        if (e instanceof Literal && ((Literal) e).value() instanceof Boolean) {
            return (Boolean) ((Literal) e).value() ? List.of(SwitchMatch.ANY) : List.of();
        }
        if (e instanceof BinaryExpr) {
            BinaryExpr b = (BinaryExpr) e;
            switch (b.operator()) {
                case AND: return and(translate(b.left()), translate(b.right()));
                case OR: return or(translate(b.left()), translate(b.right()));
                case EQ: return equality(b);
                case IN: return prefix(b);
                default: break;
            }
        }
        if (e instanceof FieldRef) {
            Integer bit = flagBit(((FieldRef) e).name());
            if (bit != null) {
                return List.of(tcp().and(SwitchField.TCP_FLAGS, bit, bit));
            }
        }
        if (e instanceof UnaryExpr) {
            UnaryExpr u = (UnaryExpr) e;
            if (u.operator() == UnaryOperator.NOT) {
                return negate(u.operand());
            }
            if (u.operator() == UnaryOperator.IS_PRESENT && u.operand() instanceof FieldRef) {
                return present(((FieldRef) u.operand()).name(), e);
            }
        }
        throw unsupported(e);
    }

    private static List<SwitchMatch> negate(Expr e) {
        if (e instanceof UnaryExpr && ((UnaryExpr) e).operator() == UnaryOperator.NOT) {
            return translate(((UnaryExpr) e).operand());
        }
        if (e instanceof BinaryExpr) {
            BinaryExpr b = (BinaryExpr) e;
            if (b.operator() == BinaryOperator.AND) {
                return or(negate(b.left()), negate(b.right()));
            }
            if (b.operator() == BinaryOperator.OR) {
                return and(negate(b.left()), negate(b.right()));
            }
        }
        if (e instanceof FieldRef) {
            Integer bit = flagBit(((FieldRef) e).name());
            if (bit != null) {
                return List.of(tcp().and(SwitchField.TCP_FLAGS, 0, bit));
            }
        }
        if (e instanceof Literal && ((Literal) e).value() instanceof Boolean) {
            return (Boolean) ((Literal) e).value() ? List.of() : List.of(SwitchMatch.ANY);
        }
        if (e instanceof UnaryExpr && ((UnaryExpr) e).operator() == UnaryOperator.IS_PRESENT
                && ((UnaryExpr) e).operand() instanceof FieldRef) {
            String f = ((FieldRef) ((UnaryExpr) e).operand()).name();
            if (f.startsWith("ip.")) {
                return List.of(); // every packet a slot sees is IPv4
            }
        }
        throw new NotSwitchPlaceableException(e.position(), "a switch filter cannot negate "
                + ExprPrinter.print(e) + ": ternary entries match values, not their absence");
    }

    private static List<SwitchMatch> equality(BinaryExpr b) {
        FieldRef field = b.left() instanceof FieldRef ? (FieldRef) b.left()
                : b.right() instanceof FieldRef ? (FieldRef) b.right() : null;
        Expr other = field == b.left() ? b.right() : b.left();
        if (field == null || !(other instanceof Literal)) {
            throw unsupported(b);
        }
        Object v = ((Literal) other).value();
        switch (field.name()) {
            case "ip.src":
            case "ip.dst":
                if (v instanceof IpAddress) {
                    IpAddress a = (IpAddress) v;
                    if (!a.isV4()) {
                        return List.of();
                    }
                    SwitchField f = field.name().equals("ip.src") ? SwitchField.IPV4_SRC : SwitchField.IPV4_DST;
                    return List.of(SwitchMatch.ANY.and(f, a.v4Bits() & 0xFFFFFFFFL, 0xFFFFFFFFL));
                }
                break;
            case "ip.version":
                if (v instanceof Long) {
                    return ((Long) v) == 4 ? List.of(SwitchMatch.ANY) : List.of();
                }
                break;
            case "ip.proto":
                if (v instanceof Long) {
                    return single(SwitchMatch.ANY.and(SwitchField.IP_PROTO, (Long) v, 0xFF), (Long) v, 0xFF);
                }
                break;
            case "l4.sport":
            case "l4.dport":
                if (v instanceof Long && (Long) v > 0 && (Long) v <= 0xFFFF) {
                    SwitchField f = field.name().equals("l4.sport") ? SwitchField.L4_SPORT : SwitchField.L4_DPORT;
                    return and(tcpOrUdp(), List.of(SwitchMatch.ANY.and(f, (Long) v, 0xFFFF)));
                }
                break;
            case "tcp.flags":
                if (v instanceof Long) {
                    return single(tcp().and(SwitchField.TCP_FLAGS, (Long) v, 0xFF), (Long) v, 0xFF);
                }
                break;
            default:
                break;
        }
        throw unsupported(b);
    }

    /** A one-entry result, or none when the value doesn't fit the field. */
    private static List<SwitchMatch> single(SwitchMatch m, long value, long fieldMask) {
        return (value & ~fieldMask) != 0 || m == null ? List.of() : List.of(m);
    }

    private static List<SwitchMatch> prefix(BinaryExpr b) {
        if (b.left() instanceof FieldRef && b.right() instanceof Literal
                && ((Literal) b.right()).value() instanceof IpPrefix) {
            String name = ((FieldRef) b.left()).name();
            IpPrefix p = (IpPrefix) ((Literal) b.right()).value();
            if (name.equals("ip.src") || name.equals("ip.dst")) {
                if (!p.network().isV4()) {
                    return List.of();
                }
                long mask = p.length() == 0 ? 0 : (0xFFFFFFFFL << (32 - p.length())) & 0xFFFFFFFFL;
                SwitchField f = name.equals("ip.src") ? SwitchField.IPV4_SRC : SwitchField.IPV4_DST;
                return List.of(SwitchMatch.ANY.and(f, p.network().v4Bits() & 0xFFFFFFFFL, mask));
            }
        }
        throw unsupported(b);
    }

    private static List<SwitchMatch> present(String field, Expr where) {
        switch (field) {
            case "ip.src":
            case "ip.dst":
            case "ip.proto":
            case "ip.version":
            case "ip.ttl":
            case "ip.id":
                return List.of(SwitchMatch.ANY);
            case "l4.sport":
            case "l4.dport":
                return tcpOrUdp();
            case "tcp.flags":
                return List.of(tcp());
            default:
                throw unsupported(where);
        }
    }

    static List<SwitchMatch> and(List<SwitchMatch> a, List<SwitchMatch> b) {
        List<SwitchMatch> out = new ArrayList<>();
        for (SwitchMatch x : a) {
            for (SwitchMatch y : b) {
                SwitchMatch m = x.and(y);
                if (m != null && !out.contains(m)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    static List<SwitchMatch> or(List<SwitchMatch> a, List<SwitchMatch> b) {
        List<SwitchMatch> out = new ArrayList<>(a);
        for (SwitchMatch m : b) {
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    static List<SwitchMatch> tcpOrUdp() {
        return List.of(SwitchMatch.ANY.and(SwitchField.IP_PROTO, TCP, 0xFF),
                SwitchMatch.ANY.and(SwitchField.IP_PROTO, UDP, 0xFF));
    }

    private static SwitchMatch tcp() {
        return SwitchMatch.ANY.and(SwitchField.IP_PROTO, TCP, 0xFF);
    }

    private static Integer flagBit(String field) {
        String[] names = {"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"};
        for (int i = 0; i < names.length; i++) {
            if (field.equals("tcp.flags." + names[i])) {
                return 1 << i;
            }
        }
        return null;
    }

    private static NotSwitchPlaceableException unsupported(Expr e) {
        return new NotSwitchPlaceableException(e.position(), "a switch filter matches equalities, prefixes, "
                + "TCP flag and presence tests on IPv4 5-tuple fields; not " + ExprPrinter.print(e));
    }
}
