package org.intstream.query.type;

import java.util.Objects;

/**
 * The type of a field, parameter or expression. Types are values: compare them with {@code equals}.
 *
 * <p>{@code TIMESTAMP} and {@code DURATION} are microseconds; {@code IP} holds IPv4 or IPv6 addresses,
 * {@code PREFIX} an address with a prefix length; {@code LIST} a sequence of one element type (what
 * {@code collect} builds); {@code SKETCH} a count-min sketch with its dimensions and error.
 */
public final class Type {

    /** The kinds of type. */
    public enum Kind { BOOL, INT, FLOAT, STRING, IP, PREFIX, TIMESTAMP, DURATION, LIST, SKETCH, ANY }

    public static final Type BOOL = new Type(Kind.BOOL, null);
    public static final Type INT = new Type(Kind.INT, null);
    public static final Type FLOAT = new Type(Kind.FLOAT, null);
    public static final Type STRING = new Type(Kind.STRING, null);
    public static final Type IP = new Type(Kind.IP, null);
    public static final Type PREFIX = new Type(Kind.PREFIX, null);
    public static final Type TIMESTAMP = new Type(Kind.TIMESTAMP, null);
    public static final Type DURATION = new Type(Kind.DURATION, null);
    public static final Type SKETCH = new Type(Kind.SKETCH, null);
    /** Accepted where any type fits; only used in function signatures. */
    public static final Type ANY = new Type(Kind.ANY, null);

    private final Kind kind;
    private final Type element;

    private Type(Kind kind, Type element) {
        this.kind = kind;
        this.element = element;
    }

    public static Type listOf(Type element) {
        return new Type(Kind.LIST, Objects.requireNonNull(element, "element type can't be null"));
    }

    public Kind kind() {
        return kind;
    }

    /** The element type of a list, or null. */
    public Type element() {
        return element;
    }

    /** INT, FLOAT, TIMESTAMP and DURATION take part in arithmetic. */
    public boolean isNumeric() {
        return kind == Kind.INT || kind == Kind.FLOAT || kind == Kind.TIMESTAMP || kind == Kind.DURATION;
    }

    /** Types whose values can be ordered with {@code <}. */
    public boolean isOrdered() {
        return isNumeric() || kind == Kind.IP || kind == Kind.STRING;
    }

    /** Name as written in queries and messages: {@code int}, {@code ip}, {@code list<timestamp>}. */
    public String displayName() {
        return kind == Kind.LIST ? "list<" + element.displayName() + ">" : kind.name().toLowerCase();
    }

    /** Parses {@link #displayName()}; returns null for an unknown name. */
    public static Type fromName(String name) {
        String n = name.trim().toLowerCase();
        if (n.startsWith("list<") && n.endsWith(">")) {
            Type e = fromName(n.substring(5, n.length() - 1));
            return e == null ? null : listOf(e);
        }
        for (Kind k : Kind.values()) {
            if (k != Kind.LIST && k.name().toLowerCase().equals(n)) {
                return new Type(k, null).canonical();
            }
        }
        return null;
    }

    private Type canonical() {
        switch (kind) {
            case BOOL: return BOOL;
            case INT: return INT;
            case FLOAT: return FLOAT;
            case STRING: return STRING;
            case IP: return IP;
            case PREFIX: return PREFIX;
            case TIMESTAMP: return TIMESTAMP;
            case DURATION: return DURATION;
            case SKETCH: return SKETCH;
            case ANY: return ANY;
            default: return this;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Type)) {
            return false;
        }
        Type t = (Type) o;
        return kind == t.kind && Objects.equals(element, t.element);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, element);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
