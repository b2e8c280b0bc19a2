package org.intstream.p4runtime;

import java.util.List;

/** A multicast group: the replicas a packet sent to {@code mcast_grp} becomes. */
public record MulticastGroupSpec(int groupId, List<Replica> replicas) {

    public MulticastGroupSpec {
        if (groupId <= 0) {
            throw new IllegalArgumentException("multicast group id must be positive, got " + groupId);
        }
        replicas = List.copyOf(replicas);
    }

    public String describe() {
        return "multicast group " + groupId;
    }
}
