package org.intstream.softswitch.expr;

import java.math.BigInteger;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.StackInfo;
import org.intstream.softswitch.parser.ParserError;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * A field of a stack's last filled element ({@code stack.last.f}, BMv2's {@code stack_field}); with no
 * element filled yet it is StackOutOfBounds, which ends a parse.
 */
public final class StackLastFieldRead extends Expr {
    private final StackInfo stack;
    private final FieldInfo[] fields;
    private final int stackOutOfBounds;

    public StackLastFieldRead(StackInfo stack, String field, int stackOutOfBounds) {
        super(stack.elements().get(0).field(field).width(), false);
        this.stack = stack;
        this.fields = stack.elements().stream().map(h -> h.field(field)).toArray(FieldInfo[]::new);
        this.stackOutOfBounds = stackOutOfBounds;
        if (fields[0].wide()) {
            throw new IllegalArgumentException("stack field " + field + " is wider than 64 bits");
        }
    }

    @Override
    public long evalLong(PacketContext c) {
        int next = c.phv.stackNext[stack.index()];
        if (next == 0) {
            throw new ParserError(stackOutOfBounds);
        }
        return c.phv.values[fields[next - 1].slot()];
    }

    @Override
    public BigInteger evalBig(PacketContext c) {
        return exactFromLong(evalLong(c));
    }
}
