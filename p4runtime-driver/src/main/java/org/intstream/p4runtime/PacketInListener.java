package org.intstream.p4runtime;

/** Told of every packet-in; called on the gRPC thread, so it should hand heavy work elsewhere. */
@FunctionalInterface
public interface PacketInListener {

    void packetIn(PacketIn packet);
}
