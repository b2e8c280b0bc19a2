package org.intstream.softswitch.parser;

import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.model.Layout;
import org.intstream.softswitch.model.StackInfo;
import org.intstream.softswitch.runtime.HeaderCodec;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code extract(stack.next)}: fills the stack's next element and moves {@code next} on; a full stack is
 * StackOutOfBounds, too few bytes PacketTooShort.
 */
public final class ExtractNext implements ParserOp {
    private final Layout layout;
    private final StackInfo stack;
    private final int packetTooShort;
    private final int stackOutOfBounds;

    public ExtractNext(Layout layout, StackInfo stack, int packetTooShort, int stackOutOfBounds) {
        this.layout = layout;
        this.stack = stack;
        this.packetTooShort = packetTooShort;
        this.stackOutOfBounds = stackOutOfBounds;
    }

    @Override
    public void apply(PacketContext c) {
        int next = c.phv.stackNext[stack.index()];
        if (next >= stack.size()) {
            throw new ParserError(stackOutOfBounds);
        }
        HeaderInfo h = stack.elements().get(next);
        if (c.payloadOffset + h.bytes() > c.length) {
            throw new ParserError(packetTooShort);
        }
        HeaderCodec.extract(c.phv, h, c.data, c.payloadOffset);
        layout.markValid(c.phv, h.index());
        c.payloadOffset += h.bytes();
        c.phv.stackNext[stack.index()] = next + 1;
    }
}
