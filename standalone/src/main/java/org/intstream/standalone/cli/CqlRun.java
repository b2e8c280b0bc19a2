package org.intstream.standalone.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.intstream.engine.cql.CqlEngine;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReplay;
import org.intstream.query.QueryException;
import org.intstream.query.cql.CqlQueries;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.standalone.output.CqlOutput;
import org.intstream.standalone.run.Runner;

/** {@code intstream run --cql}: CQL statements over traces, printed instant by instant. */
final class CqlRun {
    private final String cql;
    private final List<String> params;
    private final OutputOptions output;
    private final boolean progress;
    private final long lateness;

    CqlRun(String cql, List<String> params, OutputOptions output, boolean progress, long lateness) {
        this.cql = cql;
        this.params = params;
        this.output = output;
        this.progress = progress;
        this.lateness = lateness;
    }

    /** The option's value as {source name, statements}: a file's name and content, or the text itself. */
    static String[] read(String cql) throws IOException {
        Path file = cql.contains("\n") ? null : Path.of(cql);
        if (file != null && Files.isRegularFile(file)) {
            return new String[] {cql, Files.readString(file, StandardCharsets.UTF_8)};
        }
        return new String[] {"CQL text", cql};
    }

    int run(List<String> traces, String iface) throws IOException {
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("CQL statements take no --param: their constants are in the text");
        }
        if (iface != null) {
            throw new IllegalArgumentException("--cql runs over traces (--trace); live CQL is not supported yet");
        }
        String[] sourceAndText = read(cql);
        String source = sourceAndText[0];
        String text = sourceAndText[1];
        FunctionRegistry functions = FunctionRegistry.withProviders(CqlRun.class.getClassLoader());
        PointTable points = new PointTable();
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        CqlOutput.Format format = output.format == OutputOptions.Format.jsonl ? CqlOutput.Format.JSONL
                : output.format == OutputOptions.Format.csv ? CqlOutput.Format.CSV : CqlOutput.Format.TABLE;
        CqlEngine engine = new CqlEngine(functions, points, new CqlOutput(out, format));
        engine.setLateness(lateness);
        try {
            engine.register(CqlQueries.parse(text, functions));
        } catch (QueryException e) {
            throw e.sourceName() == null ? e.inSource(source) : e;
        }
        List<TraceReader> readers = Runner.openTraces(traces);
        List<String> names = Runner.pointNames(traces);
        for (int i = 0; i < readers.size(); i++) {
            readers.get(i).setPoint(points.intern(names.get(i)));
        }
        TraceReplay replay = new TraceReplay(readers);
        long start = System.nanoTime();
        if (progress) {
            replay.withProgress((frames, ts) -> System.err.printf("… %,d packets (%.2f Mpps)%n", frames,
                    frames / ((System.nanoTime() - start) / 1e9) / 1e6), 1_000_000);
        }
        replay.run(engine::onFrame);
        engine.finish();
        for (TraceReader r : readers) {
            r.close();
        }
        out.flush();
        Set<String> problems = new LinkedHashSet<>();
        int code = Runner.OK;
        for (TraceReplay.Problem p : replay.problems()) {
            problems.add((p.isTruncation() ? "warning: " : "error: ") + p);
            if (!p.isTruncation()) {
                code = Runner.DAMAGED_TRACE;
            }
        }
        if (engine.latePackets() > 0) {
            problems.add("warning: " + engine.latePackets() + " packets came more than the lateness out of time order "
                    + "and were counted at a later instant (raise --lateness)");
        }
        problems.forEach(System.err::println);
        return code;
    }
}
