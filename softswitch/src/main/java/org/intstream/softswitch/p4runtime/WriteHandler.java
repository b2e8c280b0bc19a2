package org.intstream.softswitch.p4runtime;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.intstream.softswitch.action.ActionData;
import org.intstream.softswitch.action.ActionSpec;
import org.intstream.softswitch.extern.CounterArray;
import org.intstream.softswitch.extern.MeterArray;
import org.intstream.softswitch.table.MatchTable;
import org.intstream.softswitch.table.TableEntry;
import org.intstream.softswitch.table.TableException;
import org.intstream.softswitch.tm.CloneSession;
import org.intstream.softswitch.tm.Replica;
import org.intstream.softswitch.tm.ReplicationEngine;
import p4.v1.P4RuntimeOuterClass;
import p4.v1.P4RuntimeOuterClass.Entity;
import p4.v1.P4RuntimeOuterClass.Update;

/**
 * Applies one update of a Write request to the loaded pipeline: table entries (and default actions),
 * counter and meter cells, multicast groups and clone sessions. Refusals are
 * {@link P4RuntimeException}s with the status code P4Runtime prescribes.
 */
final class WriteHandler {
    private WriteHandler() {
    }

    static void apply(Update u, LoadedPipeline p) {
        Update.Type type = u.getType();
        if (type != Update.Type.INSERT && type != Update.Type.MODIFY && type != Update.Type.DELETE) {
            throw P4RuntimeException.invalid("update type must be INSERT, MODIFY or DELETE, is " + type);
        }
        Entity e = u.getEntity();
        switch (e.getEntityCase()) {
            case TABLE_ENTRY:
                table(type, e.getTableEntry(), p);
                break;
            case COUNTER_ENTRY:
                counter(type, e.getCounterEntry(), p);
                break;
            case METER_ENTRY:
                meter(type, e.getMeterEntry(), p);
                break;
            case DIRECT_COUNTER_ENTRY:
                directCounter(type, e.getDirectCounterEntry(), p);
                break;
            case PACKET_REPLICATION_ENGINE_ENTRY:
                pre(type, e.getPacketReplicationEngineEntry(), p.pre());
                break;
            case REGISTER_ENTRY:
                throw new P4RuntimeException(Status.Code.UNIMPLEMENTED,
                        "register writes are not supported (as in BMv2's P4Runtime server)");
            default:
                throw new P4RuntimeException(Status.Code.UNIMPLEMENTED,
                        "writing " + e.getEntityCase() + " entities is not supported");
        }
    }

    private static void table(Update.Type type, P4RuntimeOuterClass.TableEntry te, LoadedPipeline p) {
        MatchTable table = p.table(te.getTableId());
        if (te.getIsDefaultAction()) {
            if (type != Update.Type.MODIFY) {
                throw P4RuntimeException.invalid("the default entry of table " + table.name() + " can only be modified");
            }
            if (te.getMatchCount() > 0) {
                throw P4RuntimeException.invalid("a default entry has no match fields (table " + table.name() + ")");
            }
            if (!te.hasAction()) {
                if (table.defaultConst()) {
                    throw new P4RuntimeException(Status.Code.PERMISSION_DENIED,
                            "the default action of table " + table.name() + " is const");
                }
                table.resetDefault();
                return;
            }
            ActionSpec action = TableEntryCodec.action(te.getAction(), table, p);
            ActionData data = TableEntryCodec.arguments(te.getAction().getAction(), action, p);
            tableOp(() -> table.setDefault(action, data));
            return;
        }
        if (table.key().isEmpty()) {
            throw P4RuntimeException.invalid("table " + table.name() + " has no key; only its default action can be set");
        }
        if (table.constEntries()) {
            throw new P4RuntimeException(Status.Code.PERMISSION_DENIED,
                    "table " + table.name() + " has const entries; its entries cannot be changed");
        }
        switch (type) {
            case INSERT: {
                TableEntry entry = TableEntryCodec.decode(te, p);
                tableOp(() -> table.insert(entry));
                break;
            }
            case MODIFY: {
                TableEntry entry = TableEntryCodec.decode(te, p);
                tableOp(() -> table.modify(entry));
                break;
            }
            default: {
                TableEntry.MatchKey key = TableEntryCodec.matchKey(te, p);
                tableOp(() -> table.delete(key));
                break;
            }
        }
    }

    private static void tableOp(Runnable op) {
        try {
            op.run();
        } catch (TableException e) {
            throw new P4RuntimeException(Status.Code.valueOf(e.reason().name()), e.getMessage());
        }
    }

    private static void counter(Update.Type type, P4RuntimeOuterClass.CounterEntry ce, LoadedPipeline p) {
        if (type != Update.Type.MODIFY) {
            throw P4RuntimeException.invalid("counter cells can only be modified, not " + type);
        }
        String name = p.p4info().counter(ce.getCounterId()).getPreamble().getName();
        CounterArray counter = p.program().externs().counter(name);
        if (!ce.hasIndex()) {
            throw new P4RuntimeException(Status.Code.UNIMPLEMENTED,
                    "wildcard counter writes are not supported (as in BMv2); give an index");
        }
        long index = ce.getIndex().getIndex();
        if (index < 0 || index >= counter.size()) {
            throw new P4RuntimeException(Status.Code.OUT_OF_RANGE,
                    "index " + index + " is outside counter " + name + " (size " + counter.size() + ")");
        }
        P4RuntimeOuterClass.CounterData d = ce.getData();
        counter.set((int) index, d.getPacketCount(), d.getByteCount());
    }

    private static void directCounter(Update.Type type, P4RuntimeOuterClass.DirectCounterEntry dc, LoadedPipeline p) {
        if (type != Update.Type.MODIFY) {
            throw P4RuntimeException.invalid("direct counters can only be modified, not " + type);
        }
        MatchTable table = p.table(dc.getTableEntry().getTableId());
        if (table.directCounter() == null) {
            throw P4RuntimeException.invalid("table " + table.name() + " has no direct counter");
        }
        TableEntry e = table.entry(TableEntryCodec.matchKey(dc.getTableEntry(), p));
        if (e == null) {
            throw P4RuntimeException.notFound("table " + table.name() + " has no entry with this match key");
        }
        e.setHits(dc.getData().getPacketCount(), dc.getData().getByteCount());
    }

    private static void meter(Update.Type type, P4RuntimeOuterClass.MeterEntry me, LoadedPipeline p) {
        if (type != Update.Type.MODIFY) {
            throw P4RuntimeException.invalid("meter cells can only be modified, not " + type);
        }
        String name = p.p4info().meter(me.getMeterId()).getPreamble().getName();
        MeterArray meter = p.program().externs().meter(name);
        if (!me.hasIndex()) {
            throw new P4RuntimeException(Status.Code.UNIMPLEMENTED, "wildcard meter writes are not supported; give an index");
        }
        long index = me.getIndex().getIndex();
        if (index < 0 || index >= meter.size()) {
            throw new P4RuntimeException(Status.Code.OUT_OF_RANGE,
                    "index " + index + " is outside meter " + name + " (size " + meter.size() + ")");
        }
        if (!me.hasConfig()) {
            meter.reset((int) index);
            return;
        }
        P4RuntimeOuterClass.MeterConfig c = me.getConfig();
        if (c.getCir() < 0 || c.getCburst() < 0 || c.getPir() < 0 || c.getPburst() < 0) {
            throw P4RuntimeException.invalid("meter rates and bursts must not be negative");
        }
        if (c.getCir() > c.getPir()) {
            throw P4RuntimeException.invalid("meter " + name + ": committed rate " + c.getCir()
                    + " is above the peak rate " + c.getPir());
        }
        meter.configure((int) index, c.getCir(), c.getCburst(), c.getPir(), c.getPburst());
    }

    private static void pre(Update.Type type, P4RuntimeOuterClass.PacketReplicationEngineEntry e, ReplicationEngine pre) {
        switch (e.getTypeCase()) {
            case MULTICAST_GROUP_ENTRY: {
                P4RuntimeOuterClass.MulticastGroupEntry g = e.getMulticastGroupEntry();
                int id = g.getMulticastGroupId();
                if (id == 0) {
                    throw P4RuntimeException.invalid("0 is not a valid multicast group id");
                }
                if (id > 0xFFFF) {
                    throw new P4RuntimeException(Status.Code.OUT_OF_RANGE, "multicast group id " + id + " does not fit mcast_grp's 16 bits");
                }
                boolean exists = pre.group(id) != null;
                if (type == Update.Type.INSERT && exists) {
                    throw new P4RuntimeException(Status.Code.ALREADY_EXISTS, "multicast group " + id + " already exists");
                }
                if (type != Update.Type.INSERT && !exists) {
                    throw P4RuntimeException.notFound("multicast group " + id + " does not exist");
                }
                if (type == Update.Type.DELETE) {
                    pre.removeGroup(id);
                } else {
                    pre.putGroup(id, replicas(g.getReplicasList()));
                }
                break;
            }
            case CLONE_SESSION_ENTRY: {
                P4RuntimeOuterClass.CloneSessionEntry s = e.getCloneSessionEntry();
                int id = s.getSessionId();
                if (id == 0) {
                    throw P4RuntimeException.invalid("0 is not a valid clone session id");
                }
                boolean exists = pre.session(id) != null;
                if (type == Update.Type.INSERT && exists) {
                    throw new P4RuntimeException(Status.Code.ALREADY_EXISTS, "clone session " + id + " already exists");
                }
                if (type != Update.Type.INSERT && !exists) {
                    throw P4RuntimeException.notFound("clone session " + id + " does not exist");
                }
                if (type == Update.Type.DELETE) {
                    pre.removeSession(id);
                } else {
                    pre.putSession(new CloneSession(id, replicas(s.getReplicasList()), s.getClassOfService(),
                            s.getPacketLengthBytes()));
                }
                break;
            }
            default:
                throw P4RuntimeException.invalid("the replication engine entry is neither a multicast group nor a clone session");
        }
    }

    private static List<Replica> replicas(List<P4RuntimeOuterClass.Replica> list) {
        List<Replica> out = new ArrayList<>();
        for (P4RuntimeOuterClass.Replica r : list) {
            Replica replica = new Replica(r.getEgressPort(), r.getInstance());
            if (out.contains(replica)) {
                throw P4RuntimeException.invalid("replica (port " + r.getEgressPort() + ", instance " + r.getInstance()
                        + ") is listed twice");
            }
            if (r.getEgressPort() < 0 || r.getEgressPort() > 511) {
                throw P4RuntimeException.invalid("egress port " + Integer.toUnsignedString(r.getEgressPort())
                        + " does not fit v1model's 9-bit ports");
            }
            out.add(replica);
        }
        return out;
    }
}
