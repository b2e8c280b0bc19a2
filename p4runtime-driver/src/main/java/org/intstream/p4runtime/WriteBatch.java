package org.intstream.p4runtime;

import java.util.ArrayList;
import java.util.List;
import p4.v1.P4RuntimeOuterClass.Update;

/**
 * Updates collected for one P4Runtime Write: each is encoded (and checked against the P4Info) as it is
 * added, so a bad name fails here and nothing is sent; {@link #write()} sends them all in one request,
 * which is much cheaper than one Write per entry. Obtain from {@link P4RuntimeClient#batch()}.
 */
public final class WriteBatch {

    private final P4RuntimeClient client;
    private final TableEntryCodec tableEntries;
    private final MeterEntryCodec meters;
    private final List<PendingUpdate> updates = new ArrayList<>();

    WriteBatch(P4RuntimeClient client, P4InfoIndex index) {
        this.client = client;
        this.tableEntries = new TableEntryCodec(index);
        this.meters = new MeterEntryCodec(index);
    }

    public WriteBatch insert(TableEntrySpec entry) {
        return table(Update.Type.INSERT, entry);
    }

    public WriteBatch modify(TableEntrySpec entry) {
        return table(Update.Type.MODIFY, entry);
    }

    public WriteBatch delete(TableEntrySpec entry) {
        return table(Update.Type.DELETE, entry);
    }

    private WriteBatch table(Update.Type type, TableEntrySpec entry) {
        String what = tableEntries.describeKey(entry);
        if (entry.isDefaultAction() && type != Update.Type.MODIFY) {
            throw new InvalidEntityException(what + ": a default action can only be modified, not "
                    + type.name().toLowerCase() + "d");
        }
        p4.v1.P4RuntimeOuterClass.TableEntry encoded = tableEntries.encode(entry, type != Update.Type.DELETE);
        return add(type, p4.v1.P4RuntimeOuterClass.Entity.newBuilder().setTableEntry(encoded).build(), entry, what);
    }

    public WriteBatch insert(CloneSessionSpec session) {
        return add(Update.Type.INSERT, PreEntryCodec.encode(session), session, session.describe());
    }

    public WriteBatch modify(CloneSessionSpec session) {
        return add(Update.Type.MODIFY, PreEntryCodec.encode(session), session, session.describe());
    }

    public WriteBatch deleteCloneSession(int sessionId) {
        return add(Update.Type.DELETE, PreEntryCodec.cloneSessionKey(sessionId), null, "clone session " + sessionId);
    }

    public WriteBatch insert(MulticastGroupSpec group) {
        return add(Update.Type.INSERT, PreEntryCodec.encode(group), group, group.describe());
    }

    public WriteBatch modify(MulticastGroupSpec group) {
        return add(Update.Type.MODIFY, PreEntryCodec.encode(group), group, group.describe());
    }

    public WriteBatch deleteMulticastGroup(int groupId) {
        return add(Update.Type.DELETE, PreEntryCodec.multicastGroupKey(groupId), null, "multicast group " + groupId);
    }

    /** Meter cells always exist; P4Runtime only modifies their configuration. */
    public WriteBatch modify(MeterConfigSpec config) {
        return add(Update.Type.MODIFY, meters.encode(config), config, config.describe());
    }

    private WriteBatch add(Update.Type type, p4.v1.P4RuntimeOuterClass.Entity entity, Object spec, String what) {
        updates.add(new PendingUpdate(type, entity, spec, type.name().toLowerCase() + " " + what));
        return this;
    }

    public int size() {
        return updates.size();
    }

    /** Sends the updates; on failure the exception lists each refused update, the others took effect. */
    public void write() {
        client.writeUpdates(List.copyOf(updates), true);
        updates.clear();
    }
}
