package org.intstream.agent.probe;

import java.util.Map;
import org.intstream.agent.AgentConfig;
import org.intstream.engine.probe.Probers;
import org.intstream.engine.probe.TcpConnectProber;
import org.intstream.query.plan.ProbeSpec;

/**
 * The probers of this agent process, for the {@code probe} sources of its local stages: TCP connects from a
 * fixed source port and ICMP echoes with identifiers from a fixed range, both derived from the probe port so the capture
 * filter ({@code OwnTrafficFilter}) can leave them out, and bandwidth through the peers' probe listeners.
 *
 * <p>An agent process is one agent: {@link #configure} sets its name and probe port once it knows them;
 * until then probes run as {@code local} with the default probe port.
 */
public final class AgentProbers {
    private static volatile Probers current = create("local", AgentConfig.DEFAULT_PROBE_PORT);

    private AgentProbers() {
    }

    /** The local TCP port that RTT probes leave from: the one after the probe port (before it, for 65535). */
    public static int rttSourcePort(int probePort) {
        return probePort < 65535 ? probePort + 1 : probePort - 1;
    }

    /** How many ICMP echo identifiers the probes use: more than probes can run at once. */
    public static final int ICMP_IDENTIFIERS = 64;

    /** The first ICMP echo identifier of the probes: the probe port (the range kept within 16 bits). */
    public static int firstIcmpIdentifier(int probePort) {
        return Math.min(probePort, 0x10000 - ICMP_IDENTIFIERS);
    }

    /** @param origin the agent's id, what the rows' {@code probe.origin} says */
    public static Probers create(String origin, int probePort) {
        return Probers.of(origin, Map.of(
                ProbeSpec.Kind.RTT_TCP, new TcpConnectProber(rttSourcePort(probePort)),
                ProbeSpec.Kind.RTT_ICMP, new PingProber("ping", firstIcmpIdentifier(probePort), ICMP_IDENTIFIERS),
                ProbeSpec.Kind.BANDWIDTH, new BandwidthProber()));
    }

    /** Names this agent and its probe port for the probes of stages installed from now on. */
    public static void configure(String origin, int probePort) {
        current = create(origin, probePort);
    }

    public static Probers current() {
        return current;
    }
}
