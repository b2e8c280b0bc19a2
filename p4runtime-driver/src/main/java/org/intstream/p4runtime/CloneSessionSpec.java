package org.intstream.p4runtime;

import java.util.List;

/**
 * A clone session: where {@code clone(session)} copies go, with an optional class of service and a
 * truncation length ({@code 0} keeps whole packets). IntStream's reports use one to reach the CPU port.
 */
public record CloneSessionSpec(int sessionId, List<Replica> replicas, int classOfService, int packetLengthBytes) {

    public CloneSessionSpec {
        if (sessionId <= 0) {
            throw new IllegalArgumentException("clone session id must be positive, got " + sessionId);
        }
        replicas = List.copyOf(replicas);
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("clone session " + sessionId + " needs at least one replica");
        }
        if (classOfService < 0 || packetLengthBytes < 0) {
            throw new IllegalArgumentException("clone session " + sessionId
                    + ": class of service and packet length can't be negative");
        }
    }

    /** A session that copies whole packets to one port. */
    public static CloneSessionSpec toPort(int sessionId, int egressPort) {
        return new CloneSessionSpec(sessionId, List.of(Replica.toPort(egressPort)), 0, 0);
    }

    public String describe() {
        return "clone session " + sessionId;
    }
}
