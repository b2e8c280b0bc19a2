package org.intstream.query.expr;

import java.util.Objects;
import org.intstream.query.type.Type;

/**
 * A field of the packet catalogue: its name in queries, its type, what it means, and the slot the engine
 * reads it from. {@code derived} fields are computed by a stateful analysis (TCP connection tracking) that
 * the engine runs only for queries that read them.
 */
public final class Field {
    private final String name;
    private final Type type;
    private final String description;
    private final int slot;
    private final boolean derived;
    private final int bits;

    Field(String name, Type type, int slot, int bits, boolean derived, String description) {
        this.name = name;
        this.type = type;
        this.slot = slot;
        this.bits = bits;
        this.derived = derived;
        this.description = description;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }

    /** Identifier of the field inside the engine (the packet's presence bit for header fields). */
    public int slot() {
        return slot;
    }

    /** Width in bits of the field's values (32 for an IPv4 address; 128 when IPv6 is possible). */
    public int bits() {
        return bits;
    }

    public boolean isDerived() {
        return derived;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Field && ((Field) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
