package org.intstream.query.expr;

import java.util.Objects;
import org.intstream.query.SourcePosition;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.IpPrefix;
import org.intstream.query.type.Type;

/**
 * A constant. Values by type: BOOL Boolean; INT, TIMESTAMP, DURATION Long (microseconds for the last two);
 * FLOAT Double; STRING String; IP {@link IpAddress}; PREFIX {@link IpPrefix}. A null value is absent.
 */
public final class Literal extends Expr {
    private final Object value;
    private final Type type;

    public Literal(Object value, Type type, SourcePosition position) {
        super(position);
        this.value = value;
        this.type = Objects.requireNonNull(type, "type can't be null");
    }

    public static Literal ofInt(long v) {
        return new Literal(v, Type.INT, null);
    }

    public static Literal ofFloat(double v) {
        return new Literal(v, Type.FLOAT, null);
    }

    public static Literal ofBool(boolean v) {
        return new Literal(v, Type.BOOL, null);
    }

    public static Literal ofString(String v) {
        return new Literal(v, Type.STRING, null);
    }

    public static Literal ofDuration(long micros) {
        return new Literal(micros, Type.DURATION, null);
    }

    public static Literal ofIp(IpAddress a) {
        return new Literal(a, Type.IP, null);
    }

    public static Literal ofPrefix(IpPrefix p) {
        return new Literal(p, Type.PREFIX, null);
    }

    public Object value() {
        return value;
    }

    public Type type() {
        return type;
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitLiteral(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Literal && Objects.equals(((Literal) o).value, value)
                && ((Literal) o).type.equals(type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, type);
    }
}
