package org.intstream.p4runtime;

/** One copy made by a clone session or multicast group: the egress port and the copy's instance number. */
public record Replica(int egressPort, int instance) {

    public Replica {
        if (egressPort < 0) {
            throw new IllegalArgumentException("replica egress port " + egressPort + " is negative");
        }
        if (instance < 0 || instance > 0xFFFF) {
            throw new IllegalArgumentException("replica instance " + instance + " is not within 0..65535");
        }
    }

    /** A replica with instance 0. */
    public static Replica toPort(int egressPort) {
        return new Replica(egressPort, 0);
    }
}
