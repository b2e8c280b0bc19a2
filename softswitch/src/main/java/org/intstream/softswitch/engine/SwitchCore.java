package org.intstream.softswitch.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.intstream.softswitch.action.MarkToDrop;
import org.intstream.softswitch.extern.ChecksumUnit;
import org.intstream.softswitch.model.FieldInfo;
import org.intstream.softswitch.model.Layout;
import org.intstream.softswitch.model.P4Program;
import org.intstream.softswitch.model.StandardMetadata;
import org.intstream.softswitch.runtime.PacketContext;
import org.intstream.softswitch.runtime.Phv;
import org.intstream.softswitch.tm.CloneSession;
import org.intstream.softswitch.tm.Replica;
import org.intstream.softswitch.tm.ReplicationEngine;

/**
 * The v1model switch around a program, following simple_switch's ingress and egress threads step by
 * step: parse, verify checksums, ingress, ingress clone (of the packet as it arrived, re-parsed, with
 * metadata reset and the field list copied), multicast or unicast or drop (port 511); then per copy:
 * egress, egress clone, drop, update checksums, deparse, truncate, recirculate. A resubmitted packet
 * (the packet as it arrived) and a recirculated one (as deparsed) enter ingress again with their
 * metadata reset but for the field list. Packets run one at a time, to completion, so a replay is
 * deterministic.
 */
public final class SwitchCore {
    private static final int DROP_PORT = MarkToDrop.DROP_PORT;
    /** Ingress passes one received frame may take (resubmits and recirculations included). */
    public static final int MAX_INGRESS_PASSES = 64;

    private final P4Program program;
    private final ReplicationEngine pre;
    private final Layout layout;
    private final StandardMetadata std;
    private long loopDrops;
    /** Work queues of the packet being processed, reused: one packet runs at a time. */
    private final Deque<PacketContext> ingressQueue = new ArrayDeque<>();
    private final Deque<Queued> egressQueue = new ArrayDeque<>();

    public SwitchCore(P4Program program, ReplicationEngine pre) {
        this.program = program;
        this.pre = pre;
        this.layout = program.layout();
        this.std = program.std();
    }

    public P4Program program() {
        return program;
    }

    /**
     * Processes one packet received on {@code port} at {@code tsMicros} (the packet clock: microseconds
     * since the Unix epoch) and returns what leaves the switch, in order.
     */
    public List<OutputPacket> process(int port, byte[] frame, int offset, int length, long tsMicros) {
        return process(port, frame, offset, length, length, tsMicros);
    }

    /**
     * Processes a frame captured with {@code capturedLength} of its {@code wireLength} bytes: the missing
     * tail is taken as zero bytes, as when a snapped capture is replayed padded to its original length,
     * so packet_length, byte counters and meters see the wire length.
     */
    public synchronized List<OutputPacket> process(int port, byte[] frame, int offset, int capturedLength,
            int wireLength, long tsMicros) {
        int length = Math.max(capturedLength, wireLength);
        byte[] data = new byte[length];
        System.arraycopy(frame, offset, data, 0, capturedLength);
        PacketContext c = arriving(data, length, tsMicros);
        set(c, std.ingressPort, port);
        set(c, std.packetLength, length);
        set(c, std.instanceType, InstanceType.NORMAL);
        set(c, std.ingressGlobalTimestamp, tsMicros);

        // Resubmitted and recirculated packets come back to ingress before anything else moves on, as
        // in simple_switch's high-priority input queue; a bound keeps a looping program from hanging.
        Deque<PacketContext> ingressQueue = this.ingressQueue;
        Deque<Queued> egressQueue = this.egressQueue;
        ingressQueue.clear();
        egressQueue.clear();
        List<OutputPacket> out = new ArrayList<>(2);
        ingressQueue.add(c);
        int passes = 0;
        while (!ingressQueue.isEmpty() || !egressQueue.isEmpty()) {
            if (!ingressQueue.isEmpty()) {
                if (++passes > MAX_INGRESS_PASSES) {
                    loopDrops++;
                    ingressQueue.clear();
                    continue;
                }
                ingress(ingressQueue.poll(), port, ingressQueue, egressQueue);
            } else {
                egress(egressQueue.poll(), ingressQueue, egressQueue, out);
            }
        }
        return out;
    }

    /** Packets dropped because they went round (resubmit, recirculate) more than {@value #MAX_INGRESS_PASSES} times. */
    public synchronized long loopDrops() {
        return loopDrops;
    }

    private PacketContext arriving(byte[] data, int length, long tsMicros) {
        PacketContext c = new PacketContext(layout.initialPhv());
        c.data = data;
        c.length = length;
        c.ingressLength = length;
        c.lengthRegister = length;
        c.tsMicros = tsMicros;
        return c;
    }

    /** simple_switch's ingress thread for one packet: parse, ingress, clone, resubmit, multicast or unicast. */
    private void ingress(PacketContext c, int port, Deque<PacketContext> ingressQueue, Deque<Queued> egressQueue) {
        parse(c);
        program.ingress().apply(c);
        c.exit = false;

        int egressSpec = (int) get(c, std.egressSpec);
        int mgid = std.mcastGrp == null ? 0 : (int) get(c, std.mcastGrp);

        if (c.cloneSession != PacketContext.NO_CLONE) {
            CloneSession session = pre.session(c.cloneSession);
            if (session != null) {
                PacketContext copy = ingressClone(c, port, c.tsMicros, c.data, c.length);
                copyFieldList(c, copy, c.cloneFieldList, InstanceType.INGRESS_CLONE);
                copy.lengthRegister = c.ingressLength;
                replicate(copy, session.replicas(), session.packetLengthBytes(), egressQueue);
            }
        }
        if (c.resubmitFieldList != 0) {
            // The packet as it arrived goes through ingress again; only the field list's metadata stays.
            PacketContext again = arriving(c.data, c.length, c.tsMicros);
            again.ingressLength = c.ingressLength;
            again.lengthRegister = c.ingressLength;
            copyFieldList(c, again, c.resubmitFieldList, InstanceType.RESUBMIT);
            set(again, std.packetLength, c.ingressLength);
            ingressQueue.addFirst(again);
            return;
        }
        if (mgid != 0) {
            set(c, std.instanceType, InstanceType.REPLICATION);
            List<Replica> group = pre.group(mgid);
            if (group != null) {
                replicate(c, group, 0, egressQueue);
            }
        } else if (egressSpec != DROP_PORT) {
            set(c, std.instanceType, InstanceType.NORMAL);
            egressQueue.add(new Queued(c, egressSpec, 0));
        }
    }

    private void parse(PacketContext c) {
        program.parser().parse(c);
        set(c, std.parserError, c.parserError);
        boolean checksumOk = true;
        for (ChecksumUnit cs : program.checksums()) {
            checksumOk &= cs.verify(c);
        }
        set(c, std.checksumError, checksumOk ? 0 : 1);
    }

    /** The packet as it arrived, parsed again with only the ingress port kept (simple_switch's I2E clone). */
    private PacketContext ingressClone(PacketContext original, int port, long tsMicros, byte[] data, int length) {
        PacketContext copy = new PacketContext(layout.initialPhv());
        copy.data = data;
        copy.length = length;
        copy.ingressLength = original.ingressLength;
        copy.tsMicros = tsMicros;
        set(copy, std.ingressPort, port);
        program.parser().parse(copy);
        return copy;
    }

    /** Resets the copy's metadata, copies the field list's fields from the original, sets the instance type. */
    private void copyFieldList(PacketContext from, PacketContext to, int fieldListId, int instanceType) {
        layout.resetMetadata(to.phv);
        List<FieldInfo> fields = program.fieldList(fieldListId);
        if (fields != null) {
            Phv src = from.phv;
            for (FieldInfo f : fields) {
                if (f.wide()) {
                    to.phv.wide[f.slot()] = src.wide[f.slot()];
                } else {
                    to.phv.values[f.slot()] = src.values[f.slot()];
                }
            }
        }
        set(to, std.instanceType, instanceType);
    }

    /**
     * One copy per replica, each with its egress_rid (simple_switch's multicast()). The source is not
     * used afterwards, so the last replica takes it instead of a copy.
     */
    private void replicate(PacketContext c, List<Replica> replicas, int truncateTo, Deque<Queued> queue) {
        for (int i = 0; i < replicas.size(); i++) {
            Replica r = replicas.get(i);
            set(c, std.egressRid, r.rid());
            PacketContext copy = i == replicas.size() - 1 ? c : copyOf(c);
            queue.add(new Queued(copy, r.port(), truncateTo));
        }
    }

    private static PacketContext copyOf(PacketContext c) {
        PacketContext copy = new PacketContext(c.phv.copy());
        copy.data = c.data;
        copy.length = c.length;
        copy.payloadOffset = c.payloadOffset;
        copy.ingressLength = c.ingressLength;
        copy.lengthRegister = c.lengthRegister;
        copy.tsMicros = c.tsMicros;
        copy.parserError = c.parserError;
        return copy;
    }

    private void egress(Queued q, Deque<PacketContext> ingressQueue, Deque<Queued> queue, List<OutputPacket> out) {
        PacketContext c = q.packet;
        set(c, std.egressGlobalTimestamp, c.tsMicros);
        set(c, std.egressPort, q.port);
        set(c, std.egressSpec, DROP_PORT + 1);
        set(c, std.packetLength, c.lengthRegister);
        c.cloneSession = PacketContext.NO_CLONE;

        program.egress().apply(c);

        if (c.cloneSession != PacketContext.NO_CLONE) {
            CloneSession session = pre.session(c.cloneSession);
            if (session != null) {
                PacketContext copy = copyOf(c);
                copyFieldList(c, copy, c.cloneFieldList, InstanceType.EGRESS_CLONE);
                replicate(copy, session.replicas(), session.packetLengthBytes(), queue);
            }
        }
        if (get(c, std.egressSpec) == DROP_PORT) {
            return;
        }
        for (ChecksumUnit cs : program.checksums()) {
            cs.update(c);
        }
        byte[] bytes = program.deparser().deparse(c);
        long keep = c.truncateLength;
        if (q.truncateTo > 0) {
            keep = Math.min(keep, q.truncateTo);
        }
        if (keep < bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, (int) keep);
        }
        if (c.recirculateFieldList != 0) {
            // The deparsed packet enters ingress again instead of leaving; only the field list's metadata stays.
            PacketContext again = arriving(bytes, bytes.length, c.tsMicros);
            copyFieldList(c, again, c.recirculateFieldList, InstanceType.RECIRCULATE);
            set(again, std.packetLength, bytes.length);
            ingressQueue.addFirst(again);
            return;
        }
        out.add(new OutputPacket(q.port, bytes));
    }

    private static void set(PacketContext c, FieldInfo f, long value) {
        if (f != null) {
            c.phv.values[f.slot()] = value & f.mask();
        }
    }

    private static long get(PacketContext c, FieldInfo f) {
        return c.phv.values[f.slot()];
    }

    /** A packet waiting for the egress pipeline. */
    private static final class Queued {
        final PacketContext packet;
        final int port;
        final int truncateTo;

        Queued(PacketContext packet, int port, int truncateTo) {
            this.packet = packet;
            this.port = port;
            this.truncateTo = truncateTo;
        }
    }
}
