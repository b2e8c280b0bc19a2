package org.intstream.softswitch.action;

import java.util.List;
import org.intstream.softswitch.model.HeaderInfo;
import org.intstream.softswitch.model.Layout;
import org.intstream.softswitch.runtime.PacketContext;

/**
 * {@code assign_union(dst, src)} and {@code assign_header_stack(dst, src)}: each member or element is
 * assigned as {@code assign_header} does; a stack also takes the source's {@code next} index.
 */
public final class AssignHeaders implements Primitive {
    private final Layout layout;
    private final List<HeaderInfo> dst;
    private final List<HeaderInfo> src;
    private final int dstStack;
    private final int srcStack;

    /** @param dstStack and srcStack stack indexes for a stack assignment, -1 for a union */
    public AssignHeaders(Layout layout, List<HeaderInfo> dst, List<HeaderInfo> src, int dstStack, int srcStack) {
        if (dst.size() != src.size()) {
            throw new IllegalArgumentException("assigning " + src.size() + " headers to " + dst.size());
        }
        this.layout = layout;
        this.dst = dst;
        this.src = src;
        this.dstStack = dstStack;
        this.srcStack = srcStack;
    }

    @Override
    public void execute(PacketContext c) {
        for (int i = 0; i < dst.size(); i++) {
            AssignHeader.copy(layout, c, dst.get(i), src.get(i));
        }
        if (dstStack >= 0) {
            c.phv.stackNext[dstStack] = c.phv.stackNext[srcStack];
        }
    }
}
