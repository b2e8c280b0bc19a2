package org.intstream.p4runtime;

/**
 * The writing side of a P4Runtime client, by P4Info name. Everything written successfully is remembered
 * and installed again after the switch restarts.
 */
public interface P4RuntimeWriteClient {

    void setPipelineConfig(PipelineConfig config);

    /** Updates to send together in one Write. */
    WriteBatch batch();

    void insert(TableEntrySpec entry);

    void modify(TableEntrySpec entry);

    void delete(TableEntrySpec entry);

    void setDefaultAction(String table, ActionSpec action);

    void insert(CloneSessionSpec session);

    void modify(CloneSessionSpec session);

    void deleteCloneSession(int sessionId);

    void insert(MulticastGroupSpec group);

    void modify(MulticastGroupSpec group);

    void deleteMulticastGroup(int groupId);

    void setMeterConfig(MeterConfigSpec config);
}
