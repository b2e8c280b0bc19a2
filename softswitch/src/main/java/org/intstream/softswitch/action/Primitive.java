package org.intstream.softswitch.action;

import org.intstream.softswitch.runtime.PacketContext;

/** One compiled primitive call of an action body (BMv2 {@code primitives} entry). */
@FunctionalInterface
public interface Primitive {
    void execute(PacketContext c);
}
