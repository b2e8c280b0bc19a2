package org.intstream.agent;

import org.intstream.agent.capture.CaptureDirection;
import org.intstream.agent.probe.AgentProbers;

/**
 * The capture filters that keep the agent's own API and probe traffic out of its measurements, in the
 * kernel, before any copy: on input, TCP to the API or probe port and the answers of other agents' probe
 * listeners; on output, the mirror image. Every agent uses the same probe port, which is what lets one
 * port number name the peers' listeners too. A packet of someone else that happens to use these ports
 * toward this host is left out as well.
 */
public final class OwnTrafficFilter {
    private OwnTrafficFilter() {
    }

    /**
     * A BPF expression (tcpdump syntax) for a capture of one direction. The active probes of query sources
     * are left out too, in both directions and whichever agent sent them: TCP connects from the port after
     * the probe port, and ICMP echoes whose identifier is in the range that starts at the probe port
     * ({@code AgentProbers}).
     */
    public static String forDirection(CaptureDirection direction, int apiPort, int probePort) {
        int firstId = AgentProbers.firstIcmpIdentifier(probePort);
        String probes = " or (tcp and port " + AgentProbers.rttSourcePort(probePort) + ") or (icmp and icmp[4:2] >= "
                + firstId + " and icmp[4:2] < " + (firstId + AgentProbers.ICMP_IDENTIFIERS)
                + " and (icmp[icmptype] == icmp-echo or icmp[icmptype] == icmp-echoreply))";
        switch (direction) {
            case IN:
                return "not ((tcp and (dst port " + apiPort + " or dst port " + probePort + " or src port " + probePort
                        + "))" + probes + ")";
            case OUT:
                return "not ((tcp and (src port " + apiPort + " or src port " + probePort + " or dst port " + probePort
                        + "))" + probes + ")";
            default:
                throw new IllegalArgumentException("the agent captures each direction on its own, not " + direction);
        }
    }
}
