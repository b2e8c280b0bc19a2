package org.intstream.agent.measure;

import org.intstream.engine.packet.Packet;

/**
 * Which of the host's packets a sketch sees, named after the netfilter chains the end-host seed hooked:
 * {@link #INPUT} for packets the host receives, {@link #OUTPUT} for packets it sends. The agent captures
 * each direction of its interface separately, so a packet's {@link Packet#dir} tells the chain.
 */
public enum FilterChain {
    INPUT(Packet.DIR_IN),
    OUTPUT(Packet.DIR_OUT);

    private final int dir;

    FilterChain(int dir) {
        this.dir = dir;
    }

    /** True when the packet travelled in this chain's direction. */
    public boolean sees(Packet p) {
        return p.has(Packet.DIR) && p.dir == dir;
    }

    /** The chain named {@code text} (INPUT or OUTPUT, any case), or null. */
    public static FilterChain byName(String text) {
        for (FilterChain chain : values()) {
            if (chain.name().equalsIgnoreCase(text)) {
                return chain;
            }
        }
        return null;
    }
}
