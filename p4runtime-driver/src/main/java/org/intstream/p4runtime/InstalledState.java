package org.intstream.p4runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.TableEntry;
import p4.v1.P4RuntimeOuterClass.Update;

/**
 * Everything the driver has installed on its switch and the switch accepted: the pipeline config, table
 * entries, default actions, clone sessions, multicast groups and meter configs, each kept as the encoded
 * update that would install it again. A switch that restarts comes back empty; {@link Resync} replays
 * this. Entries are keyed the way P4Runtime keys them, so a modify replaces and a delete forgets.
 */
final class InstalledState {

    private PipelineConfig pipeline;
    private final Map<TableEntry, PendingUpdate> tableEntries = new LinkedHashMap<>();
    private final Map<Integer, PendingUpdate> defaultActions = new LinkedHashMap<>();
    private final Map<Integer, PendingUpdate> cloneSessions = new LinkedHashMap<>();
    private final Map<Integer, PendingUpdate> multicastGroups = new LinkedHashMap<>();
    private final Map<String, PendingUpdate> meterConfigs = new LinkedHashMap<>();

    /** A new pipeline starts with empty tables, so everything remembered for the old one goes. */
    synchronized void pipelineSet(PipelineConfig config) {
        pipeline = config;
        tableEntries.clear();
        defaultActions.clear();
        cloneSessions.clear();
        multicastGroups.clear();
        meterConfigs.clear();
    }

    synchronized PipelineConfig pipeline() {
        return pipeline;
    }

    /** Records an update the switch applied. */
    synchronized void applied(PendingUpdate update) {
        Entity entity = update.entity();
        boolean remove = update.type() == Update.Type.DELETE;
        switch (entity.getEntityCase()) {
            case TABLE_ENTRY: {
                TableEntry entry = entity.getTableEntry();
                if (entry.getIsDefaultAction()) {
                    defaultActions.put(entry.getTableId(), update.as(Update.Type.MODIFY));
                } else {
                    put(tableEntries, entry.toBuilder().clearAction().build(), update, remove);
                }
                break;
            }
            case PACKET_REPLICATION_ENGINE_ENTRY:
                if (entity.getPacketReplicationEngineEntry().hasCloneSessionEntry()) {
                    put(cloneSessions, entity.getPacketReplicationEngineEntry().getCloneSessionEntry().getSessionId(),
                            update, remove);
                } else {
                    put(multicastGroups,
                            entity.getPacketReplicationEngineEntry().getMulticastGroupEntry().getMulticastGroupId(),
                            update, remove);
                }
                break;
            case METER_ENTRY:
                meterConfigs.put(entity.getMeterEntry().getMeterId() + ":" + entity.getMeterEntry().getIndex().getIndex(),
                        update.as(Update.Type.MODIFY));
                break;
            default:
                throw new IllegalArgumentException("the driver does not remember " + entity.getEntityCase() + " entities");
        }
    }

    private static <K> void put(Map<K, PendingUpdate> map, K key, PendingUpdate update, boolean remove) {
        if (remove) {
            map.remove(key);
        } else {
            map.put(key, update.as(Update.Type.INSERT));
        }
    }

    /**
     * The updates that rebuild the state in dependency order: replication entries (actions may clone to
     * them), table entries, default actions, meters. Entries are INSERTs, the rest MODIFYs.
     */
    synchronized List<PendingUpdate> replay() {
        List<PendingUpdate> out = new ArrayList<>();
        out.addAll(cloneSessions.values());
        out.addAll(multicastGroups.values());
        out.addAll(tableEntries.values());
        out.addAll(defaultActions.values());
        out.addAll(meterConfigs.values());
        return out;
    }

    synchronized boolean isEmpty() {
        return pipeline == null && tableEntries.isEmpty() && defaultActions.isEmpty() && cloneSessions.isEmpty()
                && multicastGroups.isEmpty() && meterConfigs.isEmpty();
    }

    synchronized int tableEntryCount() {
        return tableEntries.size();
    }
}
