package org.intstream.agent.measure;

import org.intstream.engine.packet.Packet;

/**
 * The packets a sketch counts: IPv4 packets of one chain (direction), optionally of one protocol. The
 * seed's monitor hooked iptables, which sees IPv4 only; so does this filter.
 *
 * @param chain INPUT or OUTPUT
 * @param protocol the protocol, or null for every protocol
 */
public record SketchFilter(FilterChain chain, Protocol protocol) {

    public SketchFilter {
        java.util.Objects.requireNonNull(chain, "chain can't be null");
    }

    public boolean matches(Packet p) {
        return p.isIpv4() && chain.sees(p) && (protocol == null || protocol.carries(p));
    }

    @Override
    public String toString() {
        return chain + (protocol == null ? " (any protocol)" : " " + protocol.text());
    }
}
