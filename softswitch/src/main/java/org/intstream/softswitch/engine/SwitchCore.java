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
 * egress, egress clone, drop, update checksums, deparse, truncate. Packets run one at a time, to
 * completion, so a replay is deterministic.
 */
public final class SwitchCore {
    private static final int DROP_PORT = MarkToDrop.DROP_PORT;

    private final P4Program program;
    private final ReplicationEngine pre;
    private final Layout layout;
    private final StandardMetadata std;

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
        PacketContext c = new PacketContext(layout.initialPhv());
        c.data = data;
        c.length = length;
        c.ingressLength = length;
        c.lengthRegister = length;
        c.tsMicros = tsMicros;
        set(c, std.ingressPort, port);
        set(c, std.packetLength, length);
        set(c, std.instanceType, InstanceType.NORMAL);
        set(c, std.ingressGlobalTimestamp, tsMicros);

        parse(c);
        program.ingress().apply(c);
        c.exit = false;

        Deque<Queued> queue = new ArrayDeque<>();
        int egressSpec = (int) get(c, std.egressSpec);
        int mgid = std.mcastGrp == null ? 0 : (int) get(c, std.mcastGrp);

        if (c.cloneSession != PacketContext.NO_CLONE) {
            CloneSession session = pre.session(c.cloneSession);
            if (session != null) {
                PacketContext copy = ingressClone(c, port, tsMicros, data, length);
                copyFieldList(c, copy, c.cloneFieldList, InstanceType.INGRESS_CLONE);
                copy.lengthRegister = length;
                replicate(copy, session.replicas(), session.packetLengthBytes(), queue);
            }
        }
        if (mgid != 0) {
            set(c, std.instanceType, InstanceType.REPLICATION);
            List<Replica> group = pre.group(mgid);
            if (group != null) {
                replicate(c, group, 0, queue);
            }
        } else if (egressSpec != DROP_PORT) {
            set(c, std.instanceType, InstanceType.NORMAL);
            queue.add(new Queued(c, egressSpec, 0));
        }

        List<OutputPacket> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            egress(queue.poll(), queue, out);
        }
        return out;
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

    private void egress(Queued q, Deque<Queued> queue, List<OutputPacket> out) {
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
