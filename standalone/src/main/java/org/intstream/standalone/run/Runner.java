package org.intstream.standalone.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.EngineConfig;
import org.intstream.engine.exec.ResultSink;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.source.TraceReplay;
import org.intstream.query.Parameter;
import org.intstream.query.QueryDefinition;
import org.intstream.query.QueryException;
import org.intstream.query.check.Suggestions;
import org.intstream.query.function.FunctionRegistry;

/**
 * Sets up an engine with the loaded queries and their parameters, and feeds it a replay of traces (merged
 * in time order). Problems in the traces never hide the results of the packets before them: results are
 * printed, then the problems, and the exit code says what happened.
 */
public final class Runner {
    /** Exit codes. */
    public static final int OK = 0;
    public static final int BAD_QUERY = 1;
    public static final int DAMAGED_TRACE = 2;
    public static final int IO_ERROR = 3;

    private final Engine engine;
    private final PrintStream err;

    /**
     * @param params {@code key=value} for every query that declares {@code key}, or {@code query.key=value}
     */
    public Runner(QueryLoader loader, List<String> params, EngineConfig config, PrintStream err) {
        this.err = err;
        FunctionRegistry functions = FunctionRegistry.withProviders(Runner.class.getClassLoader());
        this.engine = new Engine(functions, config, new PointTable());
        Map<String, Map<String, String>> perQuery = bindParameters(loader.queries(), params);
        for (QueryDefinition q : loader.queries()) {
            try {
                engine.register(q, perQuery.getOrDefault(q.name(), Map.of()));
            } catch (QueryException e) {
                throw e.sourceName() == null && e.position().isKnown() ? e.inSource(loader.source(q.name())) : e;
            }
        }
    }

    public Engine engine() {
        return engine;
    }

    public void addSink(ResultSink sink) {
        engine.addSink(sink);
    }

    public static Map<String, Map<String, String>> bindParameters(List<QueryDefinition> queries, List<String> params) {
        Map<String, Map<String, String>> out = new HashMap<>();
        Map<String, QueryDefinition> byName = new LinkedHashMap<>();
        for (QueryDefinition q : queries) {
            byName.put(q.name(), q);
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new QueryException(null, "--param wants key=value or query.key=value, not '" + p + "'");
            }
            String key = p.substring(0, eq).trim();
            String value = p.substring(eq + 1);
            int dot = key.indexOf('.');
            if (dot > 0 && byName.containsKey(key.substring(0, dot))) {
                String q = key.substring(0, dot);
                out.computeIfAbsent(q, k -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
                continue;
            }
            boolean used = false;
            Set<String> known = new TreeSet<>();
            for (QueryDefinition q : queries) {
                for (Parameter param : q.parameters()) {
                    known.add(param.name());
                }
                if (q.parameter(key) != null) {
                    out.computeIfAbsent(q.name(), k -> new LinkedHashMap<>()).put(key, value);
                    used = true;
                }
            }
            if (!used) {
                throw new QueryException(null, "no query takes a parameter '" + key + "'"
                        + Suggestions.didYouMean(key, known) + "; parameters: " + known);
            }
        }
        return out;
    }

    /** Opens traces given as FILE or NAME=FILE; each trace's packets are observed at point NAME (or the file name). */
    public static List<TraceReader> openTraces(List<String> specs) throws IOException {
        List<TraceReader> readers = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            Path file = Path.of(eq > 0 && !Files.exists(Path.of(spec)) ? spec.substring(eq + 1) : spec);
            if (!Files.isRegularFile(file)) {
                throw new IOException("no such trace file: " + file);
            }
            readers.add(TraceReaders.open(file));
        }
        return readers;
    }

    /** Point names for trace specs: NAME for NAME=FILE, else the file's name. */
    public static List<String> pointNames(List<String> specs) {
        List<String> names = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            names.add(eq > 0 && !Files.exists(Path.of(spec)) ? spec.substring(0, eq)
                    : Path.of(spec).getFileName().toString());
        }
        return names;
    }

    /** Replays the traces through the engine; returns an exit code. */
    public int replay(List<TraceReader> readers, List<String> pointNames, boolean progress) throws IOException {
        for (int i = 0; i < readers.size(); i++) {
            readers.get(i).setPoint(engine.points().intern(pointNames.get(i)));
        }
        TraceReplay replay = new TraceReplay(readers);
        long startNanos = System.nanoTime();
        if (progress) {
            replay.withProgress((frames, ts) -> {
                double secs = (System.nanoTime() - startNanos) / 1e9;
                err.printf("… %,d packets (%.2f Mpps)%n", frames, frames / secs / 1e6);
            }, 2_000_000);
        }
        replay.run(engine::onFrame);
        engine.finish();
        for (TraceReader r : readers) {
            r.close();
        }
        Set<String> warnings = new LinkedHashSet<>();
        int code = OK;
        for (TraceReplay.Problem p : replay.problems()) {
            if (p.isTruncation()) {
                warnings.add("warning: " + p + "; every complete packet before it was processed");
            } else {
                warnings.add("error: " + p + "; the packets before it were processed");
                code = DAMAGED_TRACE;
            }
        }
        for (Map.Entry<String, Long> late : engine.lateRecords().entrySet()) {
            warnings.add("warning: " + late.getValue() + " packets of " + late.getKey() + " arrived after their "
                    + "window closed (out of order beyond --lateness) and were not counted");
        }
        warnings.forEach(err::println);
        return code;
    }
}
