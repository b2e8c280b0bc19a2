package org.intstream.engine.cql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.source.RawFrame;
import org.intstream.query.QueryException;
import org.intstream.query.cql.CqlStatement;
import org.intstream.query.cql.PacketsSchema;
import org.intstream.query.expr.Literal;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.Schema;
import org.intstream.query.plan.StreamNode;
import org.intstream.query.plan.WindowNode;
import org.intstream.query.plan.WindowSpec;
import org.intstream.query.type.IpAddress;

/**
 * Runs CQL statements over the packet stream with CQL's instant semantics (docs/cql.md). Time advances from
 * instant to instant: packet arrivals, window expiries and slide boundaries. At each instant every window
 * moves, and each statement whose inputs changed is evaluated again, in the order the statements were
 * written (so a statement sees what the ones it reads produced at the same instant). Stream statements
 * emit tuples (Istream, Dstream, Rstream); relation statements report their value when it changes.
 *
 * <p>Relations are recomputed from their windows at each instant where they may change; windows and the
 * state of Unbounded windows grow with the input, so this engine suits traces and moderate rates, which is
 * where CQL's exact semantics matter.
 */
public final class CqlEngine {

    /** A statement at run time: its compiled plan, windows, previous value and subscribers. */
    private final class Statement {
        final CqlStatement definition;
        final PlanEvaluator.RelOp op;
        /** Set when the statement's Istream/Dstream follows from its window's changes alone. */
        final DeltaSelect delta;
        final StreamNode.Kind streamKind;
        final List<WindowState> windows = new ArrayList<>();
        final Set<String> relationsRead = new HashSet<>();
        final List<WindowState> streamSubscribers = new ArrayList<>();
        final List<WindowState> istreamSubscribers = new ArrayList<>();
        List<Object[]> value = List.of();
        boolean changedNow;
        boolean output;

        Statement(CqlStatement definition, PlanEvaluator evaluator) {
            this.definition = definition;
            LogicalPlan plan = definition.plan();
            if (definition.isStream()) {
                streamKind = plan instanceof StreamNode ? ((StreamNode) plan).kind() : StreamNode.Kind.ISTREAM;
                if (plan instanceof StreamNode) {
                    plan = plan.input();
                }
            } else {
                streamKind = null;
            }
            current = this;
            this.delta = streamKind == StreamNode.Kind.ISTREAM || streamKind == StreamNode.Kind.DSTREAM
                    ? evaluator.deltaSelect(plan) : null;
            this.op = delta != null ? delta : evaluator.compile(plan);
            current = null;
            Set<String> read = new HashSet<>();
            for (LogicalPlan p : PlanKinds.postOrder(definition.plan())) {
                if (p instanceof ScanNode && ((ScanNode) p).isRelation()) {
                    read.add(((ScanNode) p).stream().toLowerCase(Locale.ROOT));
                }
            }
            relationScans(definition.plan(), read);
            relationsRead.addAll(read);
        }
    }

    private final FunctionRegistry functions;
    private final PointTable points;
    private final CqlSink sink;
    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();
    private final Map<String, Statement> statements = new LinkedHashMap<>();
    private final List<WindowState> packetWindows = new ArrayList<>();
    private final List<PlanEvaluator> evaluators = new ArrayList<>();
    private Statement current;

    /** Packets held back until no earlier one can still come (see {@link #setLateness}). */
    private final java.util.PriorityQueue<Pending> reorder = new java.util.PriorityQueue<>();
    private long lateness = DEFAULT_LATENESS_MICROS;
    private long maxSeen = Long.MIN_VALUE;
    private long sequence;
    private long latePackets;
    private final List<Object[]> arrivals = new ArrayList<>();
    private long arrivalInstant = Long.MIN_VALUE;
    private long lastInstant = Long.MIN_VALUE;
    private long lastPacketInstant = Long.MIN_VALUE;
    private long packets;
    private boolean finished;

    /** Captures of one link can be a few microseconds out of order (several queues); 10 ms covers that. */
    public static final long DEFAULT_LATENESS_MICROS = 10_000;

    /** A packet's row waiting in the reorder buffer, ordered by time, then by arrival. */
    private static final class Pending implements Comparable<Pending> {
        final long ts;
        final long seq;
        final Object[] row;

        Pending(long ts, long seq, Object[] row) {
            this.ts = ts;
            this.seq = seq;
            this.row = row;
        }

        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(ts, o.ts);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public CqlEngine(FunctionRegistry functions, PointTable points, CqlSink sink) {
        this.functions = functions;
        this.points = points;
        this.sink = sink;
    }

    /** Installs statements in order; later ones may read earlier ones. Outputs: those no other reads, and the last. */
    public void register(List<CqlStatement> defs) {
        Set<String> read = new HashSet<>();
        for (CqlStatement d : defs) {
            for (LogicalPlan p : PlanKinds.postOrder(d.plan())) {
                if (p instanceof ScanNode && !((ScanNode) p).isPackets()) {
                    read.add(((ScanNode) p).stream().toLowerCase(Locale.ROOT));
                }
            }
            subqueryScans(d.plan(), read);
        }
        for (CqlStatement d : defs) {
            PlanEvaluator evaluator = new PlanEvaluator(functions, sources);
            evaluators.add(evaluator);
            Statement s = new Statement(d, evaluator);
            statements.put(d.name().toLowerCase(Locale.ROOT), s);
        }
        if (!defs.isEmpty()) {
            for (Statement s : statements.values()) {
                s.output = !read.contains(s.definition.name().toLowerCase(Locale.ROOT));
            }
            statements.get(defs.get(defs.size() - 1).name().toLowerCase(Locale.ROOT)).output = true;
        }
    }

    /** Relations read inside subquery expressions. */
    private static void relationScans(LogicalPlan plan, Set<String> read) {
        org.intstream.query.plan.PlanRewriter.mapExprs(plan, e -> {
            if (e instanceof org.intstream.query.expr.SubqueryExpr) {
                LogicalPlan q = ((org.intstream.query.expr.SubqueryExpr) e).query();
                for (LogicalPlan p : PlanKinds.postOrder(q)) {
                    if (p instanceof ScanNode && ((ScanNode) p).isRelation()) {
                        read.add(((ScanNode) p).stream().toLowerCase(Locale.ROOT));
                    }
                }
                relationScans(q, read);
            }
            return e;
        });
    }

    /** Scans inside subquery expressions count as reads too. */
    private static void subqueryScans(LogicalPlan plan, Set<String> read) {
        org.intstream.query.plan.PlanRewriter.mapExprs(plan, e -> {
            if (e instanceof org.intstream.query.expr.SubqueryExpr) {
                LogicalPlan q = ((org.intstream.query.expr.SubqueryExpr) e).query();
                for (LogicalPlan p : PlanKinds.postOrder(q)) {
                    if (p instanceof ScanNode && !((ScanNode) p).isPackets()) {
                        read.add(((ScanNode) p).stream().toLowerCase(Locale.ROOT));
                    }
                }
                subqueryScans(q, read);
            }
            return e;
        });
    }

    /** Reports every statement, not only the outputs (to inspect intermediate relations and streams). */
    public void reportAllStatements() {
        for (Statement s : statements.values()) {
            s.output = true;
        }
    }

    /** The statements' names and whether each is an output. */
    public Map<String, Boolean> outputs() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Statement s : statements.values()) {
            out.put(s.definition.name(), s.output);
        }
        return out;
    }

    private final PlanEvaluator.Sources sources = new PlanEvaluator.Sources() {
        @Override
        public WindowState window(WindowNode node, String source, boolean istream) {
            WindowSpec spec = node.spec();
            long size = spec.kind() == WindowSpec.Kind.RANGE ? (Long) ((Literal) spec.size()).value() : 0;
            long slide = spec.slide() == null ? 0 : (Long) ((Literal) spec.slide()).value();
            long rows = spec.kind() == WindowSpec.Kind.ROWS ? (Long) ((Literal) spec.size()).value() : 0;
            WindowState w = WindowState.of(spec, size, slide, rows);
            if (source == null) {
                packetWindows.add(w);
            } else {
                Statement producer = statements.get(source.toLowerCase(Locale.ROOT));
                if (producer == null) {
                    throw new QueryException(node.position(), "unknown stream '" + source + "'");
                }
                (istream ? producer.istreamSubscribers : producer.streamSubscribers).add(w);
            }
            current.windows.add(w);
            return w;
        }

        @Override
        public List<Object[]> relation(String name) {
            return statements.get(name.toLowerCase(Locale.ROOT)).value;
        }

        @Override
        public Schema schemaOf(String name) {
            if (PacketsSchema.isPackets(name)) {
                return PacketsSchema.SCHEMA;
            }
            Statement s = statements.get(name.toLowerCase(Locale.ROOT));
            if (s == null) {
                throw new QueryException(null, "unknown stream or relation '" + name + "'");
            }
            return s.definition.schema();
        }
    };

    /** Decodes and processes one captured frame (non-IP frames are not part of Packets). */
    public void onFrame(RawFrame frame) {
        decoder.decode(frame, packet);
        if (!packet.has(Packet.IP_SRC)) {
            return;
        }
        onPacket(packet);
    }

    /**
     * How far out of time order packets may arrive: each packet is held until one this much later was seen,
     * then they are processed in timestamp order. A packet later than that is processed at the current
     * instant and counted ({@link #latePackets()}).
     */
    public void setLateness(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("lateness can't be negative: " + micros);
        }
        this.lateness = micros;
    }

    public long latePackets() {
        return latePackets;
    }

    /** Processes a decoded IP packet. */
    public void onPacket(Packet p) {
        if (finished) {
            throw new IllegalStateException("the engine has finished");
        }
        packets++;
        reorder.add(new Pending(p.ts, sequence++, row(p)));
        maxSeen = Math.max(maxSeen, p.ts);
        while (!reorder.isEmpty() && reorder.peek().ts <= maxSeen - lateness) {
            release(reorder.poll());
        }
    }

    private void release(Pending pending) {
        long ts = pending.ts;
        if (ts < arrivalInstant || (arrivals.isEmpty() && ts <= lastInstant)) {
            latePackets++;
            ts = Math.max(arrivalInstant, lastInstant); // CQL time can't go back: it counts now
        }
        if (arrivals.isEmpty() || ts > arrivalInstant) {
            runInstantsBefore(ts); // everything before this packet's instant, the pending arrivals included
        }
        arrivalInstant = ts;
        arrivals.add(pending.row);
    }

    /** The Packets row of a packet (docs/cql.md). */
    private Object[] row(Packet p) {
        IpAddress src = p.ipVersion == 4 ? IpAddress.v4(p.ip4Src) : IpAddress.v6(p.ip6SrcHi, p.ip6SrcLo);
        IpAddress dst = p.ipVersion == 4 ? IpAddress.v4(p.ip4Dst) : IpAddress.v6(p.ip6DstHi, p.ip6DstLo);
        Long sport = p.has(Packet.L4_SPORT) ? (Long) (long) p.sport : null;
        Long dport = p.has(Packet.L4_DPORT) ? (Long) (long) p.dport : null;
        Long flags = p.has(Packet.TCP_FLAGS) ? (Long) (long) p.tcpFlags : null;
        return new Object[] {src, dst, sport, dport, (long) p.ipProto, (long) p.len, flags, p.ts, id(p, src, dst),
            points.name(p.point)};
    }

    /** The packet's identity across hops: invariant header fields joined with '|' (docs/cql.md). */
    static String id(Packet p, IpAddress src, IpAddress dst) {
        StringBuilder sb = new StringBuilder(64);
        sb.append(src).append('|').append(dst).append('|').append(p.ipProto).append('|');
        if (p.ipVersion == 4 && p.has(Packet.IP_ID)) {
            sb.append(p.ipId);
        }
        sb.append('|');
        if (p.has(Packet.L4_SPORT)) {
            sb.append(p.sport);
        }
        sb.append('|');
        if (p.has(Packet.L4_DPORT)) {
            sb.append(p.dport);
        }
        sb.append('|');
        if (p.has(Packet.TCP_SEQ) && p.ipProto == 6) {
            sb.append(p.tcpSeq);
        }
        sb.append('|');
        if (p.has(Packet.TCP_ACK) && p.ipProto == 6) {
            sb.append(p.tcpAck);
        }
        sb.append('|');
        if (p.has(Packet.PAYLOAD_LEN)) {
            sb.append(p.payloadLen);
        }
        return sb.toString();
    }

    /** Processes the pending packet instant and every window-driven instant before {@code limit}. */
    private void runInstantsBefore(long limit) {
        while (true) {
            long next = nextInstant();
            if (!arrivals.isEmpty()) {
                next = Math.min(next, arrivalInstant);
            }
            if (next == Long.MAX_VALUE || next >= limit) {
                return;
            }
            runInstant(next);
        }
    }

    private long nextInstant() {
        long next = Long.MAX_VALUE;
        for (Statement s : statements.values()) {
            for (WindowState w : s.windows) {
                long c = w.nextChange();
                if (c > lastInstant) {
                    next = Math.min(next, c);
                }
            }
        }
        return next;
    }

    private void runInstant(long tau) {
        lastInstant = tau;
        if (!arrivals.isEmpty() && arrivalInstant == tau) {
            for (Object[] r : arrivals) {
                for (WindowState w : packetWindows) {
                    w.add(r, tau);
                }
            }
            arrivals.clear();
            lastPacketInstant = tau;
        }
        for (PlanEvaluator e : evaluators) {
            e.newInstant();
        }
        for (Statement s : statements.values()) {
            boolean dirty = false;
            for (WindowState w : s.windows) {
                dirty |= w.advance(tau);
            }
            for (String r : s.relationsRead) {
                dirty |= statements.get(r).changedNow;
            }
            s.changedNow = false;
            if (!dirty) {
                continue;
            }
            List<Object[]> now;
            List<Object[]> before = s.value;
            if (s.delta != null) {
                now = List.of(); // a stream statement's relation is never read, only what it emits
            } else {
                now = s.op.eval(new Object[0][], tau);
                s.value = now;
            }
            if (s.streamKind != null) {
                List<Object[]> emitted;
                if (s.delta != null) {
                    List<Object[]> inserted = new ArrayList<>();
                    List<Object[]> removed = new ArrayList<>();
                    s.delta.delta(tau, inserted, removed);
                    emitted = s.streamKind == StreamNode.Kind.DSTREAM ? minus(removed, inserted)
                            : minus(inserted, removed);
                } else {
                    switch (s.streamKind) {
                        case RSTREAM:
                            emitted = now;
                            break;
                        case DSTREAM:
                            emitted = minus(before, now);
                            break;
                        default:
                            emitted = minus(now, before);
                    }
                }
                for (WindowState w : s.streamSubscribers) {
                    for (Object[] r : emitted) {
                        w.add(r, tau);
                    }
                }
                if (s.output && !emitted.isEmpty()) {
                    sink.onRows(s.definition.name(), s.definition.schema(), tau, true, false, emitted);
                }
            } else {
                List<Object[]> inserted = minus(now, before);
                boolean changed = !inserted.isEmpty() || now.size() != before.size();
                s.changedNow = changed;
                for (WindowState w : s.istreamSubscribers) {
                    for (Object[] r : inserted) {
                        w.add(r, tau);
                    }
                }
                if (s.output && changed) {
                    sink.onRows(s.definition.name(), s.definition.schema(), tau, false, false, now);
                }
            }
        }
    }

    /** Bag difference a − b. */
    static List<Object[]> minus(List<Object[]> a, List<Object[]> b) {
        if (b.isEmpty()) {
            return a;
        }
        Map<List<Object>, Integer> counts = new HashMap<>();
        for (Object[] row : b) {
            counts.merge(Arrays.asList(row), 1, Integer::sum);
        }
        List<Object[]> out = new ArrayList<>();
        for (Object[] row : a) {
            List<Object> k = Arrays.asList(row);
            Integer c = counts.get(k);
            if (c != null && c > 0) {
                counts.put(k, c - 1);
            } else {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * The input ended: processes the last packets' instant, reports each relation output's value as of
     * that instant (final), then lets time run on until nothing changes (delayed streams flush, windows
     * expire).
     */
    public void finish() {
        if (finished) {
            return;
        }
        while (!reorder.isEmpty()) {
            release(reorder.poll());
        }
        if (!arrivals.isEmpty()) {
            runInstantsBefore(arrivalInstant + 1);
        }
        Map<Statement, List<Object[]>> finals = new LinkedHashMap<>();
        for (Statement s : statements.values()) {
            if (s.output && s.streamKind == null) {
                finals.put(s, s.value);
            }
        }
        runInstantsBefore(Long.MAX_VALUE);
        finished = true;
        for (Map.Entry<Statement, List<Object[]>> f : finals.entrySet()) {
            sink.onRows(f.getKey().definition.name(), f.getKey().definition.schema(), lastPacketInstant, false, true,
                    f.getValue());
        }
        sink.onFinish();
    }

    public long packetCount() {
        return packets;
    }

    /** The last packet's instant (the end of the trace), or Long.MIN_VALUE before any packet. */
    public long lastPacketInstant() {
        return lastPacketInstant;
    }
}
