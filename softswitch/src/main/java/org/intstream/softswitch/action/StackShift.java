package org.intstream.softswitch.action;

import java.math.BigInteger;
import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.model.StackInfo;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code push_front(n)} and {@code pop_front(n)} on a header stack, as BMv2's P4_16 stacks do them:
 * elements (validity and fields) move by n, the n freed elements become invalid, and {@code next} moves
 * with them, within 0 and the stack's size.
 */
public final class StackShift implements Primitive {
    private final StackInfo stack;
    private final Expr count;
    private final boolean push;

    public StackShift(StackInfo stack, Expr count, boolean push) {
        this.stack = stack;
        this.count = count;
        this.push = push;
    }

    @Override
    public void execute(PacketContext c) {
        long n = count.evalLong(c);
        int size = stack.size();
        if (n <= 0) {
            return;
        }
        int k = (int) Math.min(n, size);
        int s = stack.index();
        if (push) {
            c.phv.stackNext[s] = (int) Math.min(size, c.phv.stackNext[s] + n);
            for (int i = size - 1; i >= k; i--) {
                move(c, stack.elements().get(i - k), stack.elements().get(i));
            }
            for (int i = 0; i < k; i++) {
                c.phv.valid[stack.elements().get(i).index()] = false;
            }
        } else {
            c.phv.stackNext[s] -= (int) Math.min(c.phv.stackNext[s], n);
            for (int i = 0; i < size - k; i++) {
                move(c, stack.elements().get(i + k), stack.elements().get(i));
            }
            for (int i = size - k; i < size; i++) {
                c.phv.valid[stack.elements().get(i).index()] = false;
            }
        }
    }

    /** Copies validity and fields from one element to another (BMv2 swaps; the freed ones are invalid either way). */
    private static void move(PacketContext c, HeaderInfo from, HeaderInfo to) {
        c.phv.valid[to.index()] = c.phv.valid[from.index()];
        for (int i = 0; i < to.fields().size(); i++) {
            FieldInfo t = to.fields().get(i);
            FieldInfo f = from.fields().get(i);
            if (t.wide()) {
                BigInteger v = c.phv.wide[f.slot()];
                c.phv.wide[t.slot()] = v;
            } else {
                c.phv.values[t.slot()] = c.phv.values[f.slot()];
            }
        }
    }
}
