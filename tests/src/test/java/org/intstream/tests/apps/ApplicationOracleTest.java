package org.intstream.tests.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.query.type.IpAddress;
import org.intstream.tests.TraceRun;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped application over every captured trace, compared with what an independent oracle computed
 * from a tshark export of the same packets (tests/oracle: SQL in sqlite, tshark's own TCP analysis):
 * exactly for exact operators; for sketches, never below the truth and above it by no more than the bound
 * the result states, for every key. Each trace is checked at the applications' default parameters (the
 * {@code <trace>.csv} files) and with thresholds removed (the {@code <trace>.all.csv} files).
 */
class ApplicationOracleTest {

    /** The applications compared row for row, with the parameters that remove their thresholds. */
    private static final Map<String, Map<String, String>> EXACT_ALL = new LinkedHashMap<>();
    /** For "all" runs that keep a minimal threshold, which expected rows the run should show. */
    private static final Map<String, Predicate<Map<String, String>>> ALL_FILTER = new HashMap<>();

    static {
        EXACT_ALL.put("tcp_new_conn", Map.of("threshold", "-1"));
        EXACT_ALL.put("port_scan", Map.of("threshold", "0"));
        EXACT_ALL.put("super_spreader", Map.of("threshold", "0"));
        EXACT_ALL.put("syn_flood", Map.of("threshold", "-1000000000"));
        EXACT_ALL.put("slowloris", Map.of("threshold", "1000000000000000", "min_conns", "0"));
        EXACT_ALL.put("tcp_incomplete_flows", Map.of("threshold", "0"));
        ALL_FILTER.put("tcp_incomplete_flows", r -> Long.parseLong(r.get("incomplete")) > 0);
        EXACT_ALL.put("tcp_retransmission", Map.of("threshold", "0"));
        ALL_FILTER.put("tcp_retransmission", r -> Long.parseLong(r.get("retrans")) > 0);
        EXACT_ALL.put("cryptomining", Map.of("min_packets", "1"));
        EXACT_ALL.put("ssh_brute", Map.of("threshold", "0"));
        EXACT_ALL.put("ddos", Map.of("threshold", "0"));
    }

    private static final List<String> ALL_APPS = List.of("tcp_new_conn", "sketch_gen", "port_scan", "super_spreader",
            "tcp_retransmission", "syn_flood", "slowloris", "heavy_hitter", "tcp_incomplete_flows", "split_processing",
            "cryptomining", "ssh_brute", "ddos");

    @TestFactory
    Stream<DynamicContainer> everyApplicationOnEveryTrace() throws IOException {
        return TraceRun.traces().entrySet().stream().map(t -> DynamicContainer.dynamicContainer(t.getKey(),
                traceTests(t.getKey(), t.getValue())));
    }

    private Stream<DynamicTest> traceTests(String trace, Path file) {
        Runs runs = new Runs(file);
        List<DynamicTest> tests = new ArrayList<>();
        for (String app : EXACT_ALL.keySet()) {
            tests.add(DynamicTest.dynamicTest(app + " at defaults",
                    () -> compareExact(app, runs.defaults(), expected(app, trace + ".csv"))));
            tests.add(DynamicTest.dynamicTest(app + " without threshold", () -> {
                List<Map<String, String>> all = expected(app, trace + ".all.csv");
                Predicate<Map<String, String>> keep = ALL_FILTER.getOrDefault(app, r -> true);
                compareExact(app, runs.all(), all.stream().filter(keep).collect(Collectors.toList()));
            }));
        }
        tests.add(DynamicTest.dynamicTest("tcp_rtt samples", () -> {
            List<Map<String, String>> all = expected("tcp_retransmission", trace + ".all.csv").stream()
                    .filter(r -> Long.parseLong(r.get("rtt_samples")) > 0).collect(Collectors.toList());
            for (Map<String, String> r : all) {
                r.remove("retrans");
            }
            compareExact("tcp_rtt", runs.defaults(), all);
        }));
        tests.add(DynamicTest.dynamicTest("split_processing", () -> {
            List<String> actual = splitRows(runs.defaults());
            assertThat(actual).containsExactlyInAnyOrderElementsOf(lines(expected("split_processing", trace + ".csv"),
                    List.of("window_start_us", "tcp", "udp")));
        }));
        tests.add(DynamicTest.dynamicTest("sketch_gen within its bound", () -> checkSketchGen(runs.defaults(),
                expected("sketch_gen", trace + ".csv"))));
        tests.add(DynamicTest.dynamicTest("heavy_hitter within its bound", () -> checkHeavyHitter(runs.defaults(),
                expected("heavy_hitter", trace + ".all.csv"), 100_000)));
        return tests.stream();
    }

    /** The two runs of a trace, made on first use. */
    private static final class Runs {
        private final Path trace;
        private TraceRun defaults;
        private TraceRun all;

        Runs(Path trace) {
            this.trace = trace;
        }

        TraceRun defaults() throws IOException {
            if (defaults == null) {
                defaults = TraceRun.shipped(trace, ALL_APPS, Map.of());
                assertThat(defaults.problems()).isEmpty();
            }
            return defaults;
        }

        TraceRun all() throws IOException {
            if (all == null) {
                Map<String, Map<String, String>> params = new HashMap<>(EXACT_ALL);
                all = TraceRun.shipped(trace, ALL_APPS, params);
            }
            return all;
        }
    }

    static List<Map<String, String>> expected(String app, String file) throws IOException {
        Path p = TraceRun.EXPECTED.resolve(app).resolve(file);
        List<String> lines = Files.readAllLines(p);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> lines(List<Map<String, String>> rows, List<String> columns) {
        List<String> out = new ArrayList<>();
        for (Map<String, String> r : rows) {
            out.add(columns.stream().map(r::get).collect(Collectors.joining(",")));
        }
        return out;
    }

    /** Formats a value as the oracle writes it. */
    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double) {
            return BigDecimal.valueOf((Double) v).setScale(6, RoundingMode.HALF_UP).toPlainString();
        }
        if (v instanceof List) {
            return ((List<?>) v).stream().map(ApplicationOracleTest::cell).collect(Collectors.joining(";"));
        }
        return v.toString();
    }

    private static void compareExact(String output, TraceRun run, List<Map<String, String>> expected) {
        List<String> columns = expected.isEmpty() ? null : new ArrayList<>(expected.get(0).keySet());
        List<String> actual = new ArrayList<>();
        for (Object[] row : run.rows(output)) {
            actual.add(java.util.Arrays.stream(row).map(ApplicationOracleTest::cell).collect(Collectors.joining(",")));
        }
        if (columns == null) {
            assertThat(actual).as(output + " reports nothing").isEmpty();
            return;
        }
        List<String> header = new ArrayList<>();
        header.add("window_start_us");
        header.addAll(run.output(output) == null ? List.of() : run.output(output).schema().names());
        if (run.output(output) != null) {
            assertThat(header).as("columns of " + output).isEqualTo(columns);
        }
        List<String> want = lines(expected, columns);
        assertThat(normalise(actual)).as(output).containsExactlyInAnyOrderElementsOf(normalise(want));
    }

    /**
     * Doubles may differ in the last printed digit on exact ties (the oracle rounds the exact quotient, the
     * engine a double): compare them to 6 decimals with a tolerance of 1e-6 by truncating to 5 decimals.
     */
    private static List<String> normalise(List<String> rows) {
        List<String> out = new ArrayList<>();
        for (String r : rows) {
            out.add(java.util.Arrays.stream(r.split(",", -1)).map(c -> c.matches("-?\\d+\\.\\d{6}")
                    ? new BigDecimal(c).setScale(5, RoundingMode.HALF_UP).toPlainString() : c)
                    .collect(Collectors.joining(",")));
        }
        return out;
    }

    private static List<String> splitRows(TraceRun run) {
        Map<Long, Object[]> byWindow = new TreeMap<>();
        for (Object[] r : run.rows("split_processing.tcp")) {
            byWindow.computeIfAbsent((Long) r[0], k -> new Object[3])[1] = r[1];
        }
        for (Object[] r : run.rows("split_processing.udp")) {
            byWindow.computeIfAbsent((Long) r[0], k -> new Object[3])[2] = r[1];
        }
        List<String> out = new ArrayList<>();
        byWindow.forEach((w, r) -> out.add(w + "," + cell(r[1]) + "," + cell(r[2])));
        return out;
    }

    private static long v4(String text) {
        return IpAddress.parse(text).v4Bits() & 0xFFFFFFFFL;
    }

    private static void checkSketchGen(TraceRun run, List<Map<String, String>> truth) {
        Map<Long, Map<String, Long>> byWindow = new TreeMap<>();
        for (Map<String, String> r : truth) {
            byWindow.computeIfAbsent(Long.parseLong(r.get("window_start_us")), k -> new HashMap<>())
                    .put(r.get("src"), Long.parseLong(r.get("packets")));
        }
        Map<Long, Object[]> sketches = new TreeMap<>();
        for (Object[] r : run.rows("sketch_gen")) {
            sketches.put((Long) r[0], r);
        }
        // Windows where nothing matched the prefix give no sketch; compare the windows that have counts.
        sketches.values().removeIf(r -> (Long) r[1] == 0);
        assertThat(sketches.keySet()).isEqualTo(byWindow.keySet());
        for (Map.Entry<Long, Map<String, Long>> w : byWindow.entrySet()) {
            Object[] row = sketches.get(w.getKey());
            long total = (Long) row[1];
            long bound = (Long) row[4];
            SketchValue sketch = (SketchValue) row[7];
            assertThat(total).isEqualTo(w.getValue().values().stream().mapToLong(Long::longValue).sum());
            for (Map.Entry<String, Long> key : w.getValue().entrySet()) {
                long est = sketch.estimate(v4(key.getKey()));
                assertThat(est).as("estimate of " + key.getKey()).isGreaterThanOrEqualTo(key.getValue())
                        .isLessThanOrEqualTo(key.getValue() + bound);
            }
            @SuppressWarnings("unchecked")
            List<String> top = (List<String>) row[6];
            for (String entry : top) {
                String src = entry.substring(0, entry.indexOf('='));
                long est = Long.parseLong(entry.substring(entry.indexOf('=') + 1));
                assertThat(est).isEqualTo(sketch.estimate(v4(src)));
            }
        }
    }

    private static void checkHeavyHitter(TraceRun run, List<Map<String, String>> truth, long threshold) {
        Map<String, Long> trueBytes = new HashMap<>();
        for (Map<String, String> r : truth) {
            trueBytes.put(r.get("window_start_us") + "," + r.get("src"), Long.parseLong(r.get("bytes")));
        }
        Map<String, Long> reported = new HashMap<>();
        Map<String, Long> bounds = new HashMap<>();
        for (WindowBatch b : run.batches("heavy_hitter")) {
            for (Object[] r : b.rows) {
                String key = b.start + "," + r[0];
                reported.put(key, (Long) r[1]);
                bounds.put(key, b.errorBounds.get("bytes"));
            }
        }
        for (Map.Entry<String, Long> t : trueBytes.entrySet()) {
            if (t.getValue() > threshold) {
                assertThat(reported).as("heavy hitter " + t.getKey() + " (" + t.getValue() + " bytes)")
                        .containsKey(t.getKey());
            }
        }
        for (Map.Entry<String, Long> r : reported.entrySet()) {
            long exact = trueBytes.getOrDefault(r.getKey(), 0L);
            assertThat(r.getValue()).as("estimate for " + r.getKey()).isGreaterThan(threshold)
                    .isGreaterThanOrEqualTo(exact).isLessThanOrEqualTo(exact + bounds.get(r.getKey()));
        }
    }
}
