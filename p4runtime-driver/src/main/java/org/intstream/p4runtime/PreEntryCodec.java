package org.intstream.p4runtime;

import java.util.ArrayList;
import java.util.List;
import p4.v1.P4RuntimeOuterClass.CloneSessionEntry;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.MulticastGroupEntry;
import p4.v1.P4RuntimeOuterClass.PacketReplicationEngineEntry;

/** Clone sessions and multicast groups to and from P4Runtime's {@code PacketReplicationEngineEntry}. */
public final class PreEntryCodec {

    private PreEntryCodec() {
    }

    public static Entity encode(CloneSessionSpec session) {
        CloneSessionEntry.Builder entry = CloneSessionEntry.newBuilder().setSessionId(session.sessionId())
                .setClassOfService(session.classOfService()).setPacketLengthBytes(session.packetLengthBytes());
        session.replicas().forEach(r -> entry.addReplicas(encode(r)));
        return Entity.newBuilder().setPacketReplicationEngineEntry(
                PacketReplicationEngineEntry.newBuilder().setCloneSessionEntry(entry)).build();
    }

    public static Entity encode(MulticastGroupSpec group) {
        MulticastGroupEntry.Builder entry = MulticastGroupEntry.newBuilder().setMulticastGroupId(group.groupId());
        group.replicas().forEach(r -> entry.addReplicas(encode(r)));
        return Entity.newBuilder().setPacketReplicationEngineEntry(
                PacketReplicationEngineEntry.newBuilder().setMulticastGroupEntry(entry)).build();
    }

    /** A clone-session entity with only the id: enough for a delete or a read of one session. */
    public static Entity cloneSessionKey(int sessionId) {
        return Entity.newBuilder().setPacketReplicationEngineEntry(PacketReplicationEngineEntry.newBuilder()
                .setCloneSessionEntry(CloneSessionEntry.newBuilder().setSessionId(sessionId))).build();
    }

    public static Entity multicastGroupKey(int groupId) {
        return Entity.newBuilder().setPacketReplicationEngineEntry(PacketReplicationEngineEntry.newBuilder()
                .setMulticastGroupEntry(MulticastGroupEntry.newBuilder().setMulticastGroupId(groupId))).build();
    }

    public static CloneSessionSpec decode(CloneSessionEntry entry) {
        return new CloneSessionSpec(entry.getSessionId(), replicas(entry.getReplicasList()),
                entry.getClassOfService(), entry.getPacketLengthBytes());
    }

    public static MulticastGroupSpec decode(MulticastGroupEntry entry) {
        return new MulticastGroupSpec(entry.getMulticastGroupId(), replicas(entry.getReplicasList()));
    }

    private static p4.v1.P4RuntimeOuterClass.Replica encode(Replica replica) {
        return p4.v1.P4RuntimeOuterClass.Replica.newBuilder().setEgressPort(replica.egressPort())
                .setInstance(replica.instance()).build();
    }

    private static List<Replica> replicas(List<p4.v1.P4RuntimeOuterClass.Replica> list) {
        List<Replica> out = new ArrayList<>(list.size());
        list.forEach(r -> out.add(new Replica(r.getEgressPort(), r.getInstance())));
        return out;
    }
}
