package org.intstream.softswitch.tm;

/**
 * One copy a multicast group or clone session makes: the egress port and the replica id the egress
 * pipeline sees as {@code egress_rid} (P4Runtime's {@code instance}).
 */
public record Replica(int port, int rid) {
}
