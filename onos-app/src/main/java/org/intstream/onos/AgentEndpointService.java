package org.intstream.onos;

/** The agents' gRPC endpoint inside ONOS: agents dial it and stream their partial results to the core. */
public interface AgentEndpointService {
    /** The port it listens on, or -1 while it is not listening (the configured port could not be bound). */
    int port();
}
