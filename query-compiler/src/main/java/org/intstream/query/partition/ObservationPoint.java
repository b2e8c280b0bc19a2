package org.intstream.query.partition;

/**
 * Where a query's local stage sees packets, so that each packet is counted exactly once network-wide. The
 * planner picks the side that sees every packet of a key at one point when the key allows it: a query per
 * source is answered where packets enter the network, a query per destination where they leave it.
 */
public enum ObservationPoint {
    /** Each packet once, where it enters the network: the sending host's agent (outgoing), or a switch's edge port. */
    PACKET_AT_SENDER("each packet once, where it enters the network (the sending host, or a switch's edge port)"),
    /**
     * Each packet once, where it leaves the network: the receiving host's agent (incoming), or the switch's
     * edge port toward it. Traffic from outside the monitored hosts (attackers, spoofed sources) is seen here.
     */
    PACKET_AT_RECEIVER("each packet once, where it leaves the network (the receiving host, or the edge port toward it)"),
    /**
     * Both directions of each connection at its client's host (the one its SYN leaves from), which sees its
     * data and the ACKs coming back (TCP analysis needs both).
     */
    CONNECTION_AT_CLIENT("both directions of each connection, at its client's host"),
    /** Both directions of each connection at its server's host (the one its SYN goes to). */
    CONNECTION_AT_SERVER("both directions of each connection, at its server's host");

    private final String description;

    ObservationPoint(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether the point sees both directions of connections (TCP analysis). */
    public boolean isConnection() {
        return this == CONNECTION_AT_CLIENT || this == CONNECTION_AT_SERVER;
    }
}
