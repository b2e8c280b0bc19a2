package org.intstream.softswitch.pipeline;

import org.intstream.softswitch.expr.Expr;
import org.intstream.softswitch.runtime.PacketContext;

/** An {@code if}: evaluates its condition and continues on one of two branches. */
public final class ConditionalNode implements PipelineNode {
    private final String name;
    private final Expr condition;
    PipelineNode ifTrue;
    PipelineNode ifFalse;

    ConditionalNode(String name, Expr condition) {
        this.name = name;
        this.condition = condition;
    }

    @Override
    public PipelineNode apply(PacketContext c) {
        return condition.evalBool(c) ? ifTrue : ifFalse;
    }

    @Override
    public String name() {
        return name;
    }
}
