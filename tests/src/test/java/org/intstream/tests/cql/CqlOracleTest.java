package org.intstream.tests.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.intstream.engine.cql.CqlEngine;
import org.intstream.engine.cql.CqlSink;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.engine.source.TraceReplay;
import org.intstream.query.cql.CqlQueries;
import org.intstream.query.cql.CqlStatement;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.Schema;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The six STREAM network-monitoring queries, as written (tests/oracle/cql/*.cql; the misbehaving-host alias
 * corrected), over real captures of two links, compared with what SQL in sqlite computes from a tshark export
 * of the same packets (tests/oracle/cql/*.sql, written separately): every tuple a stream emits, and each
 * relation's value at every instant of the oracle's list (every 10 s, the end of the trace, and each instant
 * where the misbehaving-host relation is not empty).
 */
class CqlOracleTest {
    private static final Path ORACLE = TraceRun.ROOT.resolve("tests/oracle/cql");
    private static final Path RESOURCES = TraceRun.ROOT.resolve("tests/src/test/resources");
    private static final Path EXPECTED = RESOURCES.resolve("cql/expected");

    /** A set of traces and the queries the oracle ran over it. */
    private static final class DataSet {
        final String name;
        final Map<String, Path> traces;
        final List<String> queries;
        final String subdir;

        DataSet(String name, Map<String, Path> traces, List<String> queries, String subdir) {
            this.name = name;
            this.traces = traces;
            this.queries = queries;
            this.subdir = subdir;
        }
    }

    private static final List<String> SIX = List.of("top_k", "customer_monitoring", "protocol_analysis",
            "source_monitoring", "misbehaving_hosts", "flow_information");

    private static List<DataSet> dataSets() {
        Map<String, Path> main = new LinkedHashMap<>();
        main.put("B", RESOURCES.resolve("cql/traces/link-b.pcap"));
        main.put("C", RESOURCES.resolve("cql/traces/link-c.pcap"));
        return List.of(new DataSet("two links", main, SIX, ""),
                new DataSet("short", Map.of("B", RESOURCES.resolve("cql/traces/short-b.pcap")), SIX, "short"),
                new DataSet("keepalive", Map.of("B", RESOURCES.resolve("traces/keepalive.pcap")),
                        List.of("protocol_analysis"), "keepalive"));
    }

    @TestFactory
    Stream<DynamicContainer> theSixQueriesAgreeWithTheSqlOracle() {
        return dataSets().stream().map(d -> DynamicContainer.dynamicContainer(d.name,
                d.queries.stream().map(q -> DynamicContainer.dynamicContainer(q, tests(d, q)))));
    }

    /** What one run printed: stream tuples by statement, and relation values by statement and instant. */
    private static final class Run implements CqlSink {
        final Map<String, List<String>> streams = new LinkedHashMap<>();
        final Map<String, TreeMap<Long, List<String>>> relations = new LinkedHashMap<>();
        final Map<String, Boolean> isStream = new LinkedHashMap<>();

        @Override
        public void onRows(String statement, Schema schema, long instant, boolean stream, boolean finalState,
                List<Object[]> rows) {
            if (finalState) {
                return;
            }
            List<String> lines = rows.stream().map(r -> instant + "," + Arrays.stream(r).map(Run::cell)
                    .collect(Collectors.joining(","))).collect(Collectors.toList());
            if (stream) {
                streams.computeIfAbsent(statement, k -> new ArrayList<>()).addAll(lines);
            } else {
                relations.computeIfAbsent(statement, k -> new TreeMap<>()).put(instant, lines);
            }
        }

        static String cell(Object v) {
            if (v == null) {
                return "";
            }
            if (v instanceof Double) {
                return BigDecimal.valueOf((Double) v).setScale(6, RoundingMode.HALF_UP).toPlainString();
            }
            return v.toString();
        }
    }

    private static Run run(DataSet d, String query) throws IOException {
        FunctionRegistry functions = FunctionRegistry.withProviders(CqlOracleTest.class.getClassLoader());
        List<CqlStatement> statements = CqlQueries.parse(Files.readString(ORACLE.resolve(query + ".cql")), functions);
        PointTable points = new PointTable();
        Run run = new Run();
        for (CqlStatement s : statements) {
            run.isStream.put(s.name(), s.isStream());
        }
        CqlEngine engine = new CqlEngine(functions, points, run);
        engine.register(statements);
        engine.reportAllStatements();
        List<TraceReader> readers = new ArrayList<>();
        for (Map.Entry<String, Path> t : d.traces.entrySet()) {
            TraceReader r = TraceReaders.open(t.getValue());
            r.setPoint(points.intern(t.getKey()));
            readers.add(r);
        }
        TraceReplay replay = new TraceReplay(readers);
        replay.run(engine::onFrame);
        engine.finish();
        for (TraceReader r : readers) {
            r.close();
        }
        assertThat(replay.problems()).isEmpty();
        return run;
    }

    private static Stream<DynamicTest> tests(DataSet d, String query) {
        Path dir = d.subdir.isEmpty() ? EXPECTED.resolve(query) : EXPECTED.resolve(query).resolve(d.subdir);
        Run[] holder = new Run[1];
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().collect(Collectors.toList())) {
                String output = f.getFileName().toString().replace(".csv", "");
                tests.add(DynamicTest.dynamicTest(output, () -> {
                    if (holder[0] == null) {
                        holder[0] = run(d, query);
                    }
                    compare(holder[0], "result".equals(output) ? "q1" : output, f, dir.resolve("instants.txt"));
                }));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return tests.stream();
    }

    private static void compare(Run run, String statement, Path expectedFile, Path instantsFile) throws IOException {
        List<String> expected = Files.readAllLines(expectedFile);
        expected = expected.subList(1, expected.size());
        // The oracle lists a relation's value at instants (an empty value as a line of empty columns); for a
        // statement the engine runs as a stream of its [Now] relation (MisbehavingSyn), that value is what
        // the stream emitted at the instant.
        boolean valuesAtInstants = !run.isStream.get(statement)
                || expected.stream().anyMatch(l -> l.substring(l.indexOf(',')).replace(",", "").isEmpty());
        List<String> actual = valuesAtInstants ? valuesAtInstants(run, statement, instantsFile, expected)
                : run.streams.getOrDefault(statement, List.of());
        assertThat(normalise(actual)).as(statement).containsExactlyInAnyOrderElementsOf(normalise(expected));
    }

    /**
     * The relation's value at each listed instant: the last value reported at or before it (a relation is
     * printed when it changes). MisbehavingSyn is a stream of what its [Now] relation holds: its value at an
     * instant is what it emitted then.
     */
    private static List<String> valuesAtInstants(Run run, String statement, Path instantsFile, List<String> expected)
            throws IOException {
        List<Long> instants = Files.readAllLines(instantsFile).stream().filter(l -> !l.isBlank())
                .map(l -> Long.parseLong(l.trim())).collect(Collectors.toList());
        int columns = expected.isEmpty() ? 0 : expected.get(0).split(",", -1).length - 1;
        List<String> out = new ArrayList<>();
        if (run.isStream.get(statement)) {
            Map<Long, List<String>> byInstant = new TreeMap<>();
            for (String line : run.streams.getOrDefault(statement, List.of())) {
                byInstant.computeIfAbsent(Long.parseLong(line.substring(0, line.indexOf(','))), k -> new ArrayList<>())
                        .add(line);
            }
            for (long t : instants) {
                List<String> rows = byInstant.getOrDefault(t, List.of());
                out.addAll(rows.isEmpty() ? List.of(emptyRow(t, columns)) : rows);
            }
            return out;
        }
        TreeMap<Long, List<String>> timeline = run.relations.getOrDefault(statement, new TreeMap<>());
        for (long t : instants) {
            Map.Entry<Long, List<String>> e = timeline.floorEntry(t);
            List<String> rows = e == null ? List.of() : e.getValue();
            if (rows.isEmpty()) {
                out.add(emptyRow(t, columns));
            } else {
                for (String r : rows) {
                    out.add(t + r.substring(r.indexOf(',')));
                }
            }
        }
        return out;
    }

    private static String emptyRow(long instant, int columns) {
        return instant + ",".repeat(columns);
    }

    /** Floats to 5 decimals: the oracle rounds exact quotients, the engine doubles (ties may differ by 1e-6). */
    private static List<String> normalise(List<String> rows) {
        List<String> out = new ArrayList<>();
        for (String r : rows) {
            out.add(Arrays.stream(r.split(",", -1)).map(c -> c.matches("-?\\d+\\.\\d{6}")
                    ? new BigDecimal(c).setScale(5, RoundingMode.HALF_UP).toPlainString() : c)
                    .collect(Collectors.joining(",")));
        }
        return out;
    }
}
