package org.intstream.softswitch.tm;

import java.util.List;

/**
 * A clone session: where clones go, and at most how many bytes they keep (0: all). BMv2's P4Runtime
 * server refuses a non-zero length; the soft switch applies it, as the P4Runtime specification says.
 */
public record CloneSession(int id, List<Replica> replicas, int classOfService, int packetLengthBytes) {

    public CloneSession {
        replicas = List.copyOf(replicas);
    }
}
