package org.intstream.softswitch.pipeline;

import org.intstream.softswitch.runtime.PacketContext;

/** A node of a control flow graph: a table or a conditional. */
public interface PipelineNode {
    /** Applies the node and returns the next one, or null at the end of the control. */
    PipelineNode apply(PacketContext c);

    String name();
}
