package org.intstream.softswitch.action;

import org.intstream.softswitch.runtime.PacketContext;

/** {@code exit}: the rest of the action runs, then the control ends. */
public final class Exit implements Primitive {
    @Override
    public void execute(PacketContext c) {
        c.exit = true;
    }
}
