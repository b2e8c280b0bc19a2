package org.intstream.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.EngineConfig;
import org.intstream.engine.exec.OutputInfo;
import org.intstream.engine.exec.ResultSink;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.source.TraceReplay;
import org.intstream.query.QueryDefinition;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.standalone.run.QueryLoader;

/** Runs queries over a trace in process and keeps every output batch, for tests. */
public final class TraceRun {
    /** The repository's root (tests run in the tests module's directory). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    public static final Path TRACES = ROOT.resolve("tests/src/test/resources/traces");
    public static final Path EXPECTED = ROOT.resolve("tests/src/test/resources/expected");
    public static final Path DEMO = ROOT.resolve("queries/demo/demo.pcap");

    private final Map<String, OutputInfo> outputs = new LinkedHashMap<>();
    private final Map<String, List<WindowBatch>> batches = new LinkedHashMap<>();
    private Engine engine;
    private List<TraceReplay.Problem> problems = List.of();

    /**
     * Runs shipped queries (and what they read) over a trace.
     *
     * @param params per query name, parameter overrides
     */
    public static TraceRun shipped(Path trace, List<String> queries, Map<String, Map<String, String>> params)
            throws IOException {
        QueryLoader loader = new QueryLoader();
        queries.forEach(loader::load);
        return run(trace, loader.queries(), params, EngineConfig.defaults());
    }

    public static TraceRun run(Path trace, List<QueryDefinition> queries, Map<String, Map<String, String>> params,
            EngineConfig config) throws IOException {
        TraceRun r = new TraceRun();
        Engine engine = new Engine(FunctionRegistry.builtins(), config, new PointTable());
        for (QueryDefinition q : queries) {
            engine.register(q, params.getOrDefault(q.name(), Map.of()));
        }
        engine.addSink(new ResultSink() {
            @Override
            public void onBatch(OutputInfo output, WindowBatch batch) {
                r.outputs.putIfAbsent(output.output(), output);
                r.batches.computeIfAbsent(output.output(), k -> new ArrayList<>()).add(batch);
            }
        });
        try (TraceReader reader = TraceReaders.open(trace)) {
            reader.setPoint(engine.points().intern(trace.getFileName().toString()));
            TraceReplay replay = new TraceReplay(List.of(reader));
            replay.run(engine::onFrame);
            engine.finish();
            r.problems = replay.problems();
        }
        r.engine = engine;
        return r;
    }

    public Engine engine() {
        return engine;
    }

    public List<TraceReplay.Problem> problems() {
        return problems;
    }

    public List<WindowBatch> batches(String output) {
        return batches.getOrDefault(output, List.of());
    }

    public OutputInfo output(String output) {
        return outputs.get(output);
    }

    /** Every row of an output, each prefixed with its window's start. */
    public List<Object[]> rows(String output) {
        List<Object[]> out = new ArrayList<>();
        for (WindowBatch b : batches(output)) {
            for (Object[] row : b.rows) {
                Object[] withStart = new Object[row.length + 1];
                withStart[0] = b.start;
                System.arraycopy(row, 0, withStart, 1, row.length);
                out.add(withStart);
            }
        }
        return out;
    }

    /** All traces with expected results, by base name (the demo included). */
    public static Map<String, Path> traces() throws IOException {
        Map<String, Path> traces = new LinkedHashMap<>();
        try (var s = Files.list(TRACES)) {
            s.filter(p -> p.toString().endsWith(".pcap")).sorted()
                    .forEach(p -> traces.put(p.getFileName().toString().replace(".pcap", ""), p));
        }
        traces.put("demo", DEMO);
        return traces;
    }
}
