package org.intstream.engine.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.intstream.engine.exec.rel.BatchLookup;
import org.intstream.engine.packet.DecodeStats;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.record.PacketRecord;
import org.intstream.engine.record.RowRecord;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.tcp.TcpAnalyzer;
import org.intstream.engine.tcp.TcpFacts;
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.check.PlanChecker;
import org.intstream.query.expr.Field;
import org.intstream.query.expr.FieldCatalog;
import org.intstream.query.expr.FieldRef;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.LogicalPlan;
import org.intstream.query.plan.PlanKinds;
import org.intstream.query.plan.PlanRewriter;
import org.intstream.query.plan.ProbeColumns;
import org.intstream.query.plan.ProbeSpec;
import org.intstream.query.plan.ScanNode;
import org.intstream.query.plan.Schema;
import org.intstream.query.plan.SplitNode;

/**
 * Runs a set of queries over one packet stream, in process: decodes each frame once, runs the TCP
 * connection analysis when some query reads its fields, feeds every pipeline, closes windows as packet
 * time advances, and hands each closed window's rows to the sinks and to the queries that read them.
 *
 * <p>Queries are registered in dependency order (a query reads only packets or outputs registered before
 * it), which is also the order in which windows close at each instant, so a join always finds the other
 * side's window closed already. Not thread-safe: one thread feeds an engine.
 */
public final class Engine {
    /** How many closed windows per output are kept for joins and unions. */
    private static final int KEPT_BATCHES = 64;

    private final FunctionRegistry functions;
    private final EngineConfig config;
    private final PointTable points;
    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();
    private final TcpFacts facts = new TcpFacts();
    private final PacketRecord record;
    private TcpAnalyzer tcp;

    private final Map<String, QueryDefinition> queries = new LinkedHashMap<>();
    private final Map<String, Schema> outputSchemas = new LinkedHashMap<>();
    private final List<OutputPipeline> pipelines = new ArrayList<>();
    /** The pipelines that read packets, in an array for the per-packet loop. */
    private OutputPipeline[] packetPipelines = new OutputPipeline[0];
    /** Each packet pipeline's emitter, made once: a lambda per pipeline and packet would be allocated each time. */
    private StreamStage.BatchConsumer[] packetEmitters = new StreamStage.BatchConsumer[0];
    private final Map<String, List<OutputPipeline>> consumers = new HashMap<>();
    private final Map<String, Long> outputWatermarks = new HashMap<>();
    private final Map<String, TreeMap<Long, WindowBatch>> kept = new HashMap<>();
    private final Set<String> keptOutputs = new java.util.HashSet<>();
    private final Set<String> inputs = new java.util.HashSet<>();
    private final Map<String, ProbeSpec> probes = new LinkedHashMap<>();
    private final List<ResultSink> sinks = new ArrayList<>();
    private final PipelineBuilder builder;

    private long maxTime = Long.MIN_VALUE;
    private long nextDeadline = Long.MAX_VALUE;
    private long packets;
    private long bytes;
    private boolean finished;

    public Engine(FunctionRegistry functions, EngineConfig config, PointTable points) {
        this.functions = functions;
        this.config = config;
        this.points = points;
        this.record = new PacketRecord(packet, facts, points);
        BatchLookup lookup = (output, start) -> {
            TreeMap<Long, WindowBatch> m = kept.get(output);
            return m == null ? null : m.get(start);
        };
        this.builder = new PipelineBuilder(functions, config, outputSchemas::get, lookup);
    }

    public Engine(FunctionRegistry functions) {
        this(functions, EngineConfig.defaults(), new PointTable());
    }

    public PointTable points() {
        return points;
    }

    public void addSink(ResultSink sink) {
        sinks.add(sink);
    }

    /** The outputs registered so far, in registration order. */
    public List<OutputInfo> outputInfos() {
        List<OutputInfo> infos = new ArrayList<>();
        for (OutputPipeline p : pipelines) {
            infos.add(p.info());
        }
        return infos;
    }

    /** The outputs registered so far and their columns, in registration order. */
    public Map<String, Schema> outputs() {
        return java.util.Collections.unmodifiableMap(outputSchemas);
    }

    /**
     * Declares a stream that comes from outside the engine (the agents' partial rows, at the controller), so
     * queries registered after it can read it by name like another query's output. Its rows arrive through
     * {@link #onInputRow} and its time through {@link #advanceInput}.
     *
     * @throws QueryException when the name is already a query, an output or an input
     */
    public void declareInput(String name, Schema schema) {
        if (name == null || name.isEmpty() || schema == null) {
            throw new IllegalArgumentException("an input needs a name and a schema");
        }
        if (outputSchemas.containsKey(name) || queries.containsKey(name)) {
            throw new QueryException(null, "input '" + name + "' clashes with a stream already declared");
        }
        outputSchemas.put(name, schema);
        inputs.add(name);
    }

    /**
     * Feeds one row of a declared input, stamped with {@code timeMicros} (a window's start, for partial rows).
     * A row older than the input's watermark counts as late for the windows already closed.
     */
    public void onInputRow(String name, long timeMicros, Object[] row) {
        if (finished) {
            throw new IllegalStateException("the engine has finished");
        }
        Schema schema = inputSchema(name);
        if (row.length != schema.size()) {
            throw new IllegalArgumentException("a row of input '" + name + "' has " + row.length + " values, its schema "
                    + schema.size() + ": " + schema);
        }
        List<OutputPipeline> downstream = consumers.get(name);
        if (downstream != null) {
            RowRecord r = new RowRecord();
            for (OutputPipeline c : downstream) {
                c.accept(r.reset(row, timeMicros), b -> emit(c, b));
            }
        }
        if (nextDeadline == Long.MAX_VALUE) {
            nextDeadline = computeDeadline();
        }
    }

    /**
     * Tells the engine that no row of the input older than {@code watermarkMicros} will come: windows of the
     * queries reading it that end at or before it close, and what reads those queries follows.
     */
    public void advanceInput(String name, long watermarkMicros) {
        inputSchema(name);
        if (finished) {
            return;
        }
        long previous = outputWatermarks.getOrDefault(name, Long.MIN_VALUE);
        if (watermarkMicros > previous) {
            outputWatermarks.put(name, watermarkMicros);
            advance(maxTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxTime - config.latenessMicros());
        }
    }

    /**
     * The probes the registered queries read, each by the name of its row stream: whoever runs them feeds their
     * rows through {@link #onInputRow} and their progress through {@link #advanceInput}, like a declared input.
     */
    public Map<String, ProbeSpec> probes() {
        return java.util.Collections.unmodifiableMap(probes);
    }

    private Schema inputSchema(String name) {
        if (probes.containsKey(name)) {
            return ProbeColumns.schema();
        }
        if (!inputs.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a declared input (declared: " + inputs + ")");
        }
        return outputSchemas.get(name);
    }

    /**
     * Checks, binds and installs a query.
     *
     * @param params run-time parameter values (text) overriding the query's defaults
     * @throws QueryException when the query is wrong or its parameters don't fit
     */
    public void register(QueryDefinition q, Map<String, String> params) {
        if (queries.containsKey(q.name())) {
            throw new QueryException(null, "query '" + q.name() + "' is already running");
        }
        if (inputs.contains(q.name())) {
            throw new QueryException(null, "query '" + q.name() + "' has the name of an input");
        }
        PlanChecker checker = new PlanChecker(functions, new PlanChecker.StreamCatalog() {
            @Override
            public Schema outputSchema(String name) {
                return outputSchemas.get(name);
            }

            @Override
            public Set<String> outputNames() {
                return outputSchemas.keySet();
            }
        });
        Map<String, Schema> declared = checker.check(q);
        LogicalPlan plan = ParameterBinder.bind(q, params);
        List<OutputPipeline> built = new ArrayList<>();
        if (plan instanceof SplitNode) {
            SplitNode split = (SplitNode) plan;
            for (SplitNode.Branch b : split.branches()) {
                LogicalPlan branch = PlanKinds.replaceBranchInput(b.plan(), split.input());
                built.add(builder.build(q.name(), q.name() + "." + b.name(), branch));
            }
        } else {
            built.add(builder.build(q.name(), q.name(), plan));
        }
        for (OutputPipeline p : built) {
            Schema expected = declared.get(p.info().output());
            if (!expected.names().equals(p.info().schema().names())) {
                throw new IllegalStateException("engine and checker disagree on the columns of " + p.info().output()
                        + ": " + p.info().schema() + " vs " + expected);
            }
        }
        if (readsTcpAnalysis(plan) && tcp == null) {
            tcp = new TcpAnalyzer();
        }
        queries.put(q.name(), q);
        for (OutputPipeline p : built) {
            outputSchemas.put(p.info().output(), p.info().schema());
            pipelines.add(p);
            if (ScanNode.PACKETS.equals(p.source())) {
                int n = packetPipelines.length;
                packetPipelines = java.util.Arrays.copyOf(packetPipelines, n + 1);
                packetPipelines[n] = p;
                packetEmitters = java.util.Arrays.copyOf(packetEmitters, n + 1);
                packetEmitters[n] = b -> emit(p, b);
            } else {
                consumers.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p);
            }
        }
        for (LogicalPlan node : PlanKinds.postOrder(plan)) {
            if (node instanceof ScanNode && ((ScanNode) node).isProbe()) {
                probes.putIfAbsent(((ScanNode) node).stream(), ((ScanNode) node).probe());
            } else if (node instanceof ScanNode && !((ScanNode) node).isPackets()) {
                keptOutputs.add(((ScanNode) node).stream());
            }
        }
    }

    private static boolean readsTcpAnalysis(LogicalPlan plan) {
        boolean[] found = {false};
        PlanRewriter.mapExprs(plan, e -> {
            if (e instanceof FieldRef) {
                Field f = FieldCatalog.lookup(((FieldRef) e).name());
                found[0] |= f != null && f.isDerived();
            }
            return e;
        });
        return found[0];
    }

    /** Decodes and processes one captured frame. */
    public void onFrame(RawFrame frame) {
        decoder.decode(frame, packet);
        onDecodedPacket();
    }

    /** Processes the packet currently in {@link #packet()} (already decoded). */
    public void onDecodedPacket() {
        if (finished) {
            throw new IllegalStateException("the engine has finished");
        }
        packets++;
        bytes += packet.len;
        if (tcp != null) {
            tcp.analyze(packet, facts);
        }
        long ts = packet.ts;
        if (ts > maxTime) {
            maxTime = ts;
            long watermark = ts - config.latenessMicros();
            if (watermark >= nextDeadline) {
                advance(watermark);
            }
        }
        record.absent = false;
        record.nextPacket();
        OutputPipeline[] pipes = packetPipelines;
        StreamStage.BatchConsumer[] outs = packetEmitters;
        for (int i = 0; i < pipes.length; i++) {
            pipes[i].accept(record, outs[i]);
        }
        if (nextDeadline == Long.MAX_VALUE) {
            nextDeadline = computeDeadline();
        }
    }

    /**
     * Tells the engine that no packet older than {@code timeMicros} will come (a live capture's clock moved on
     * with no traffic), so windows that ended before it close.
     */
    public void advanceTime(long timeMicros) {
        if (finished || timeMicros <= maxTime) {
            return;
        }
        maxTime = timeMicros;
        long watermark = timeMicros - config.latenessMicros();
        if (watermark >= nextDeadline) {
            advance(watermark);
        }
    }

    /** The flyweight packet that {@link #onDecodedPacket()} reads, for callers that decode themselves. */
    public Packet packet() {
        return packet;
    }

    private long computeDeadline() {
        long d = Long.MAX_VALUE;
        for (OutputPipeline p : pipelines) {
            d = Math.min(d, p.nextDeadline());
        }
        return d;
    }

    private void advance(long watermark) {
        for (OutputPipeline p : pipelines) {
            long in = ScanNode.PACKETS.equals(p.source()) ? watermark
                    : outputWatermarks.getOrDefault(p.source(), Long.MIN_VALUE);
            if (in == Long.MIN_VALUE) {
                // Its input has not begun (no packet yet, or an input not advanced): nothing can close.
                continue;
            }
            p.advance(in, b -> emit(p, b));
            outputWatermarks.put(p.info().output(), p.outputWatermark(in));
        }
        nextDeadline = computeDeadline();
    }

    private void emit(OutputPipeline p, WindowBatch batch) {
        String output = p.info().output();
        if (keptOutputs.contains(output) && batch.isWindowed()) {
            TreeMap<Long, WindowBatch> m = kept.computeIfAbsent(output, k -> new TreeMap<>());
            m.put(batch.start, batch);
            while (m.size() > KEPT_BATCHES) {
                m.pollFirstEntry();
            }
        }
        for (ResultSink s : sinks) {
            s.onBatch(p.info(), batch);
        }
        List<OutputPipeline> downstream = consumers.get(output);
        if (downstream != null) {
            RowRecord r = new RowRecord();
            for (OutputPipeline c : downstream) {
                for (Object[] row : batch.rows) {
                    c.accept(r.reset(row, batch.start), b -> emit(c, b));
                }
            }
        }
    }

    /** The input ended: closes every window (downstream queries after the ones they read) and tells the sinks. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (OutputPipeline p : pipelines) {
            p.advance(Long.MAX_VALUE, b -> emit(p, b));
        }
        for (ResultSink s : sinks) {
            s.onFinish();
        }
    }

    public long packetCount() {
        return packets;
    }

    public long byteCount() {
        return bytes;
    }

    public DecodeStats decodeStats() {
        return decoder.stats();
    }

    /** Records that reached a window after it had closed, per output (non-zero entries only). */
    public Map<String, Long> lateRecords() {
        Map<String, Long> late = new LinkedHashMap<>();
        for (OutputPipeline p : pipelines) {
            if (p.lateRecords() > 0) {
                late.put(p.info().output(), p.lateRecords());
            }
        }
        return late;
    }
}
