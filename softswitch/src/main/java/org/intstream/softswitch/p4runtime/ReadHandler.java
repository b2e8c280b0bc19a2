package org.intstream.softswitch.p4runtime;

import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.intstream.softswitch.extern.CounterArray;
import org.intstream.softswitch.extern.MeterArray;
import org.intstream.softswitch.table.MatchTable;
import org.intstream.softswitch.table.TableEntry;
import org.intstream.softswitch.tm.CloneSession;
import org.intstream.softswitch.tm.Replica;
import p4.config.v1.P4InfoOuterClass;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.Entity;

/**
 * Answers the entities of a Read request: table entries (all tables, one table, one entry by its match,
 * or the default entry), counter and meter cells (a whole array or one index, all arrays for id 0),
 * multicast groups and clone sessions (all for id 0).
 */
final class ReadHandler {
    private ReadHandler() {
    }

    static void read(Entity e, LoadedPipeline p, List<Entity> out) {
        switch (e.getEntityCase()) {
            case TABLE_ENTRY:
                tables(e.getTableEntry(), p, out);
                break;
            case COUNTER_ENTRY:
                counters(e.getCounterEntry(), p, out);
                break;
            case DIRECT_COUNTER_ENTRY:
                directCounters(e.getDirectCounterEntry(), p, out);
                break;
            case METER_ENTRY:
                meters(e.getMeterEntry(), p, out);
                break;
            case PACKET_REPLICATION_ENGINE_ENTRY:
                pre(e.getPacketReplicationEngineEntry(), p, out);
                break;
            case REGISTER_ENTRY:
                throw new P4RuntimeException(Status.Code.UNIMPLEMENTED,
                        "register reads are not supported (as in BMv2's P4Runtime server)");
            default:
                throw new P4RuntimeException(Status.Code.UNIMPLEMENTED, "reading " + e.getEntityCase() + " is not supported");
        }
    }

    private static void tables(P4RuntimeOuterClass.TableEntry query, LoadedPipeline p, List<Entity> out) {
        boolean withCounters = query.hasCounterData();
        if (query.getTableId() == 0) {
            for (P4InfoOuterClass.Table t : p.p4info().tables()) {
                allEntries(t.getPreamble().getId(), withCounters, p, out);
            }
            return;
        }
        int tableId = query.getTableId();
        MatchTable table = p.table(tableId);
        if (query.getIsDefaultAction()) {
            P4RuntimeOuterClass.TableEntry.Builder b = P4RuntimeOuterClass.TableEntry.newBuilder()
                    .setTableId(tableId).setIsDefaultAction(true)
                    .setAction(P4RuntimeOuterClass.TableAction.newBuilder()
                            .setAction(TableEntryCodec.action(table.defaultAction(), table.defaultData(), p)));
            out.add(Entity.newBuilder().setTableEntry(b).build());
            return;
        }
        if (query.getMatchCount() > 0) {
            TableEntry e = table.entry(TableEntryCodec.matchKey(query, p));
            if (e != null) {
                out.add(Entity.newBuilder().setTableEntry(encode(tableId, e, withCounters, p)).build());
            }
            return;
        }
        allEntries(tableId, withCounters, p, out);
    }

    private static void allEntries(int tableId, boolean withCounters, LoadedPipeline p, List<Entity> out) {
        for (TableEntry e : p.table(tableId).entries()) {
            out.add(Entity.newBuilder().setTableEntry(encode(tableId, e, withCounters, p)).build());
        }
    }

    /** An entry, with its direct counter when asked for and the table has one. */
    private static P4RuntimeOuterClass.TableEntry encode(int tableId, TableEntry e, boolean withCounters, LoadedPipeline p) {
        P4RuntimeOuterClass.TableEntry te = TableEntryCodec.encode(tableId, e, p);
        if (withCounters && p.table(tableId).directCounter() != null) {
            te = te.toBuilder().setCounterData(counterData(e)).build();
        }
        return te;
    }

    private static P4RuntimeOuterClass.CounterData counterData(TableEntry e) {
        return P4RuntimeOuterClass.CounterData.newBuilder().setPacketCount(e.hitPackets()).setByteCount(e.hitBytes()).build();
    }

    /** Direct counters: of one entry (the query has a match), of one table, or of all tables (id 0). */
    private static void directCounters(P4RuntimeOuterClass.DirectCounterEntry query, LoadedPipeline p, List<Entity> out) {
        P4RuntimeOuterClass.TableEntry key = query.getTableEntry();
        List<Integer> tableIds = new java.util.ArrayList<>();
        if (key.getTableId() == 0) {
            for (P4InfoOuterClass.Table t : p.p4info().tables()) {
                tableIds.add(t.getPreamble().getId());
            }
        } else {
            tableIds.add(key.getTableId());
        }
        for (int tableId : tableIds) {
            MatchTable table = p.table(tableId);
            if (table.directCounter() == null) {
                if (key.getTableId() != 0) {
                    throw P4RuntimeException.invalid("table " + table.name() + " has no direct counter");
                }
                continue;
            }
            List<TableEntry> entries;
            if (key.getMatchCount() > 0) {
                TableEntry e = table.entry(TableEntryCodec.matchKey(key, p));
                entries = e == null ? List.of() : List.of(e);
            } else {
                entries = table.entries();
            }
            for (TableEntry e : entries) {
                out.add(Entity.newBuilder().setDirectCounterEntry(P4RuntimeOuterClass.DirectCounterEntry.newBuilder()
                        .setTableEntry(TableEntryCodec.encode(tableId, e, p)).setData(counterData(e))).build());
            }
        }
    }

    private static void counters(P4RuntimeOuterClass.CounterEntry query, LoadedPipeline p, List<Entity> out) {
        if (query.getCounterId() == 0) {
            for (P4InfoOuterClass.Counter c : p.p4info().counters()) {
                counterCells(c.getPreamble().getId(), null, p, out);
            }
            return;
        }
        counterCells(query.getCounterId(), query.hasIndex() ? query.getIndex().getIndex() : null, p, out);
    }

    private static void counterCells(int id, Long index, LoadedPipeline p, List<Entity> out) {
        String name = p.p4info().counter(id).getPreamble().getName();
        CounterArray counter = p.program().externs().counter(name);
        if (counter == null) {
            throw P4RuntimeException.notFound("counter " + name + " is not in the BMv2 JSON (direct counters are not supported)");
        }
        int from = 0;
        int to = counter.size();
        if (index != null) {
            if (index < 0 || index >= counter.size()) {
                throw new P4RuntimeException(Status.Code.OUT_OF_RANGE,
                        "index " + index + " is outside counter " + name + " (size " + counter.size() + ")");
            }
            from = index.intValue();
            to = from + 1;
        }
        for (int i = from; i < to; i++) {
            out.add(Entity.newBuilder().setCounterEntry(P4RuntimeOuterClass.CounterEntry.newBuilder()
                    .setCounterId(id).setIndex(P4RuntimeOuterClass.Index.newBuilder().setIndex(i))
                    .setData(P4RuntimeOuterClass.CounterData.newBuilder()
                            .setPacketCount(counter.packets(i)).setByteCount(counter.bytes(i)))).build());
        }
    }

    private static void meters(P4RuntimeOuterClass.MeterEntry query, LoadedPipeline p, List<Entity> out) {
        if (query.getMeterId() == 0) {
            for (P4InfoOuterClass.Meter m : p.p4info().meters()) {
                meterCells(m.getPreamble().getId(), null, p, out);
            }
            return;
        }
        meterCells(query.getMeterId(), query.hasIndex() ? query.getIndex().getIndex() : null, p, out);
    }

    private static void meterCells(int id, Long index, LoadedPipeline p, List<Entity> out) {
        String name = p.p4info().meter(id).getPreamble().getName();
        MeterArray meter = p.program().externs().meter(name);
        if (meter == null) {
            throw P4RuntimeException.notFound("meter " + name + " is not in the BMv2 JSON (direct meters are not supported)");
        }
        int from = 0;
        int to = meter.size();
        if (index != null) {
            if (index < 0 || index >= meter.size()) {
                throw new P4RuntimeException(Status.Code.OUT_OF_RANGE,
                        "index " + index + " is outside meter " + name + " (size " + meter.size() + ")");
            }
            from = index.intValue();
            to = from + 1;
        }
        for (int i = from; i < to; i++) {
            P4RuntimeOuterClass.MeterEntry.Builder b = P4RuntimeOuterClass.MeterEntry.newBuilder()
                    .setMeterId(id).setIndex(P4RuntimeOuterClass.Index.newBuilder().setIndex(i));
            if (meter.configured(i)) {
                long[] c = meter.config(i);
                b.setConfig(P4RuntimeOuterClass.MeterConfig.newBuilder().setCir(c[0]).setCburst(c[1])
                        .setPir(c[2]).setPburst(c[3]));
            }
            out.add(Entity.newBuilder().setMeterEntry(b).build());
        }
    }

    private static void pre(P4RuntimeOuterClass.PacketReplicationEngineEntry query, LoadedPipeline p, List<Entity> out) {
        switch (query.getTypeCase()) {
            case MULTICAST_GROUP_ENTRY: {
                int id = query.getMulticastGroupEntry().getMulticastGroupId();
                for (Map.Entry<Integer, List<Replica>> g : p.pre().groups().entrySet()) {
                    if (id == 0 || id == g.getKey()) {
                        P4RuntimeOuterClass.MulticastGroupEntry.Builder b = P4RuntimeOuterClass.MulticastGroupEntry
                                .newBuilder().setMulticastGroupId(g.getKey());
                        for (Replica r : g.getValue()) {
                            b.addReplicas(replica(r));
                        }
                        out.add(Entity.newBuilder().setPacketReplicationEngineEntry(
                                P4RuntimeOuterClass.PacketReplicationEngineEntry.newBuilder().setMulticastGroupEntry(b)).build());
                    }
                }
                break;
            }
            case CLONE_SESSION_ENTRY: {
                int id = query.getCloneSessionEntry().getSessionId();
                for (CloneSession s : p.pre().sessions().values()) {
                    if (id == 0 || id == s.id()) {
                        P4RuntimeOuterClass.CloneSessionEntry.Builder b = P4RuntimeOuterClass.CloneSessionEntry
                                .newBuilder().setSessionId(s.id()).setClassOfService(s.classOfService())
                                .setPacketLengthBytes(s.packetLengthBytes());
                        for (Replica r : s.replicas()) {
                            b.addReplicas(replica(r));
                        }
                        out.add(Entity.newBuilder().setPacketReplicationEngineEntry(
                                P4RuntimeOuterClass.PacketReplicationEngineEntry.newBuilder().setCloneSessionEntry(b)).build());
                    }
                }
                break;
            }
            default:
                throw P4RuntimeException.invalid("the replication engine query is neither for multicast groups nor clone sessions");
        }
    }

    private static P4RuntimeOuterClass.Replica replica(Replica r) {
        return P4RuntimeOuterClass.Replica.newBuilder().setEgressPort(r.port()).setInstance(r.rid()).build();
    }
}
