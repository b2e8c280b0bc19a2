package org.intstream.query.expr;

import java.util.stream.Collectors;
import org.intstream.query.type.Durations;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;

/**
 * Writes an expression in the DSL's syntax with no more parentheses than precedence requires, so that
 * parsing the text gives back an equal expression.
 */
public final class ExprPrinter implements ExprVisitor<String> {
    private static final int NOT_PRECEDENCE = 3;
    private static final int POSTFIX_PRECEDENCE = 4;
    private static final int NEGATE_PRECEDENCE = 11;
    private static final int PRIMARY_PRECEDENCE = 12;

    private static final ExprPrinter INSTANCE = new ExprPrinter();

    public static String print(Expr e) {
        return e.accept(INSTANCE);
    }

    static int precedence(Expr e) {
        if (e instanceof BinaryExpr) {
            return ((BinaryExpr) e).operator().precedence();
        }
        if (e instanceof UnaryExpr) {
            UnaryOperator op = ((UnaryExpr) e).operator();
            return op == UnaryOperator.NOT ? NOT_PRECEDENCE : op.isPostfix() ? POSTFIX_PRECEDENCE : NEGATE_PRECEDENCE;
        }
        if (e instanceof Literal && isNegativeNumber((Literal) e)) {
            return NEGATE_PRECEDENCE;
        }
        return PRIMARY_PRECEDENCE;
    }

    private static boolean isNegativeNumber(Literal l) {
        Object v = l.value();
        return (v instanceof Long && (Long) v < 0) || (v instanceof Double && ((Double) v < 0 || isNegativeZero((Double) v)));
    }

    private static boolean isNegativeZero(double d) {
        return d == 0.0 && Double.doubleToRawLongBits(d) != 0;
    }

    private static String wrap(Expr e, boolean parens) {
        String s = print(e);
        return parens ? "(" + s + ")" : s;
    }

    @Override
    public String visitLiteral(Literal l) {
        Object v = l.value();
        if (v == null) {
            return "absent";
        }
        switch (l.type().kind()) {
            case BOOL:
                return v.toString();
            case INT:
                return v.toString();
            case FLOAT:
                return Double.toString((Double) v);
            case STRING:
                return quote((String) v);
            case DURATION:
                long d = (Long) v;
                // "-5s" reads back as the negative literal; "-(5s)" would be a negation of 5s.
                return d < 0 ? "-" + Durations.format(-d) : Durations.format(d);
            case TIMESTAMP:
                return "timestamp(" + v + ")";
            case IP:
                IpAddress a = (IpAddress) v;
                return a.isV4() ? a.toString() : "ip(" + quote(a.toString()) + ")";
            case PREFIX:
                IpPrefix p = (IpPrefix) v;
                return p.network().isV4() ? p.toString() : "prefix(" + quote(p.toString()) + ")";
            default:
                throw new IllegalArgumentException("no literal syntax for type " + l.type());
        }
    }

    /** A string literal in double quotes with backslash escapes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                case '\r': sb.append("\\r"); break;
                default: sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String visitField(FieldRef f) {
        return f.name();
    }

    @Override
    public String visitParam(ParamRef p) {
        return p.name();
    }

    @Override
    public String visitUnary(UnaryExpr u) {
        Expr operand = u.operand();
        switch (u.operator()) {
            case NOT:
                return "not " + wrap(operand, precedence(operand) < NOT_PRECEDENCE);
            case NEGATE:
                // A bare "-5" reads back as the literal -5, so a negated literal keeps its parentheses.
                boolean literalOperand = operand instanceof Literal;
                return "-" + wrap(operand, literalOperand || precedence(operand) < PRIMARY_PRECEDENCE);
            default:
                return wrap(operand, precedence(operand) <= POSTFIX_PRECEDENCE) + " " + u.operator().symbol();
        }
    }

    @Override
    public String visitBinary(BinaryExpr b) {
        int p = b.operator().precedence();
        String left = wrap(b.left(), precedence(b.left()) < p);
        String right = wrap(b.right(), precedence(b.right()) <= p);
        return left + " " + b.operator().symbol() + " " + right;
    }

    @Override
    public String visitSubquery(SubqueryExpr s) {
        String q = "(" + s.query().toString().trim().replace("\n", "; ") + ")";
        switch (s.kind()) {
            case EXISTS:
                return (s.negated() ? "not exists " : "exists ") + q;
            case IN:
                String left = s.operands().size() == 1 ? print(s.operands().get(0))
                        : s.operands().stream().map(ExprPrinter::print).collect(Collectors.joining(", ", "(", ")"));
                return left + (s.negated() ? " not in " : " in ") + q;
            default:
                return q;
        }
    }

    @Override
    public String visitCall(CallExpr c) {
        return c.function() + "(" + c.arguments().stream().map(ExprPrinter::print).collect(Collectors.joining(", "))
                + ")";
    }
}
