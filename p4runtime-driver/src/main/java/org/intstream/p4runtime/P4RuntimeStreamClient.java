package org.intstream.p4runtime;

/** The stream side of a P4Runtime client: arbitration, mastership, packet-in and packet-out. */
public interface P4RuntimeStreamClient {

    /** Opens the stream and arbitrates; returns the role the switch gave. */
    MastershipRole connect();

    MastershipRole role();

    boolean isPrimary();

    void addMastershipListener(MastershipListener listener);

    void addPacketInListener(PacketInListener listener);

    void sendPacketOut(PacketOut packet);
}
