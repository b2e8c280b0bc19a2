package org.intstream.onos;

/** The agents' gRPC endpoint inside ONOS: agents dial it and stream their partial results to the core. */
public interface AgentEndpointService {
    /** The port it listens on, or -1 while it is not listening (the configured port could not be bound). */
    int port();

    /** Whether it serves TLS (agentTlsCert, agentTlsKey) now; false while it is down. */
    boolean tls();

    /** Why it is down (a port that can't be bound, TLS files that can't be used), or null while it listens. */
    String problem();
}
