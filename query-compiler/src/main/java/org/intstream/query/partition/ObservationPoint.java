package org.intstream.query.partition;

/**
 * Where a query's local stage sees packets, so that each packet is counted exactly once network-wide.
 */
public enum ObservationPoint {
    /**
     * Each packet at one point only: where it enters the network (a switch's edge port, or the sending
     * host's agent, capturing outgoing traffic).
     */
    PACKET_ONCE("each packet once, where it enters the network (switch edge port or sending host)"),
    /**
     * Both directions of a connection at one point: the agent of the host its SYN leaves from (the client's,
     * even when the client's address is spoofed), which sees its data and the ACKs coming back (TCP analysis
     * needs both).
     */
    CONNECTION_ENDPOINT("both directions of each connection, at the host its SYN leaves from");

    private final String description;

    ObservationPoint(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
