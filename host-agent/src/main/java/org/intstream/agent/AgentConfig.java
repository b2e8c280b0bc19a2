package org.intstream.agent;

import java.net.InetAddress;
import java.util.Objects;

import org.intstream.agent.api.ClientAllowList;
import org.intstream.agent.measure.CounterSettings;
import org.intstream.agent.probe.ProbeLimits;

/**
 * How a {@link MeasurementAgent} runs.
 *
 * @param address the address the API and the probe listener bind to
 * @param apiPort the API's port (the seed's 8000)
 * @param allowList the clients that may use the API
 * @param iface the interface whose traffic the sketches count
 * @param probePort the port of the probe listener, the same on every agent
 * @param probeAllowList the peers that may send this agent bandwidth probes
 * @param probeLimits the bounds of one bandwidth probe, sent or received
 * @param counters the sketches' shape, heavy-hitter fraction and real-time interval
 * @param disableOffloads whether to turn off GRO/GSO/TSO/LRO on the interface, so counts match the wire
 */
public record AgentConfig(InetAddress address, int apiPort, ClientAllowList allowList, String iface, int probePort,
        ClientAllowList probeAllowList, ProbeLimits probeLimits, CounterSettings counters, boolean disableOffloads) {

    /** The probe listener's default port, next to the API's. */
    public static final int DEFAULT_PROBE_PORT = 8001;

    public AgentConfig {
        Objects.requireNonNull(address, "address can't be null");
        Objects.requireNonNull(allowList, "allowList can't be null");
        Objects.requireNonNull(iface, "iface can't be null");
        Objects.requireNonNull(probeAllowList, "probeAllowList can't be null");
        Objects.requireNonNull(probeLimits, "probeLimits can't be null");
        Objects.requireNonNull(counters, "counters can't be null");
        checkPort(apiPort, "API port");
        checkPort(probePort, "probe port");
        if (apiPort == probePort && apiPort != 0) {
            throw new IllegalArgumentException("the API and the probe listener need different ports, both are "
                    + apiPort);
        }
    }

    private static void checkPort(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0 to 65535, got " + port);
        }
    }
}
