package org.intstream.standalone.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.sketch.SketchValue;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.standalone.run.QueryLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's pipeline (soft switch, three agents over gRPC, the controller) over the shipped demo trace, checked
 * against one engine running the same queries over the same frames: a query the agents run gives per window
 * exactly the engine's rows; a query on the switch gives, per window, every key the engine reports, valued no
 * lower than the engine (count-min never under-counts; distinct counts are Bloom-filter estimates, so only the
 * keys are compared for them).
 */
class PipelineDemoTest {
    private static final Path DEMO = Path.of("..", "queries", "demo", "demo.pcap");
    private static List<RawFrame> frames;
    private static PipelineDemo.Outcome outcome;
    private static Map<String, Map<Long, List<Object[]>>> central;
    private static final List<String> LOG = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void runBoth() throws Exception {
        frames = read(DEMO);
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("tcp_rtt", QueryLoader.shippedText("tcp_rtt"));
        for (String q : QueryLoader.SHIPPED) {
            texts.putIfAbsent(q, QueryLoader.shippedText(q));
        }
        outcome = PipelineDemo.run(frames, texts, LOG::add);

        Engine engine = new Engine(FunctionRegistry.builtins());
        for (Map.Entry<String, String> q : texts.entrySet()) {
            engine.register(DslParser.parseQuery(q.getValue()), PipelineDemo.PARAMETERS.getOrDefault(q.getKey(), Map.of()));
        }
        central = new TreeMap<>();
        engine.addSink((info, batch) -> central.computeIfAbsent(info.output(), k -> new TreeMap<>())
                .computeIfAbsent(batch.start, k -> new ArrayList<>()).addAll(batch.rows));
        frames.forEach(engine::onFrame);
        engine.finish();
    }

    @Test
    void everyApplicationRanAndTheSwitchTookSome() {
        assertThat(outcome.queries).extracting(q -> q.name).containsAll(QueryLoader.SHIPPED);
        assertThat(outcome.queries).allSatisfy(q -> assertThat(q.refusal).as(q.name + " refused").isNull());
        assertThat(outcome.queries).filteredOn(q -> q.placement.startsWith("switch")).isNotEmpty();
        assertThat(outcome.queries).filteredOn(q -> q.placement.endsWith("agents")).isNotEmpty();
        assertThat(outcome.packets).isEqualTo(frames.size());
        assertThat(outcome.switchReports).isPositive();
    }

    @Test
    void queriesAtTheAgentsEqualOneEngine() {
        for (PipelineDemo.QueryOutcome q : outcome.queries) {
            if (!q.placement.endsWith("agents")) {
                continue;
            }
            assertThat(q.outputs).as(q.name).isNotEmpty();
            for (Map.Entry<String, List<MergedWindow>> output : q.outputs.entrySet()) {
                assertThat(output.getValue()).as(output.getKey()).allSatisfy(w -> assertThat(w.partial()).isFalse());
                assertThat(text(merged(output.getValue()))).as(output.getKey())
                        .isEqualTo(text(central.getOrDefault(output.getKey(), Map.of())));
            }
            assertThat(q.bytesCrossing).as(q.name + " sent its partials").isPositive();
        }
    }

    @Test
    void queriesOnTheSwitchFindEveryKeyTheEngineFinds() {
        for (PipelineDemo.QueryOutcome q : outcome.queries) {
            if (!q.placement.startsWith("switch")) {
                continue;
            }
            Map<Long, List<Object[]>> merged = merged(q.outputs.get(q.name));
            Map<Long, List<Object[]>> exact = central.getOrDefault(q.name, Map.of());
            assertThat(exact).as(q.name + ": the demo trace makes it report").isNotEmpty();
            for (Map.Entry<Long, List<Object[]>> w : exact.entrySet()) {
                Map<String, Long> published = new TreeMap<>();
                for (Object[] row : merged.getOrDefault(w.getKey(), List.of())) {
                    published.put(row[0].toString(), ((Number) row[1]).longValue());
                }
                for (Object[] row : w.getValue()) {
                    assertThat(published).as(q.name + " window " + w.getKey()).containsKey(row[0].toString());
                    if (!q.name.equals("port_scan") && !q.name.equals("super_spreader") && !q.name.equals("ddos")) {
                        assertThat(published.get(row[0].toString())).as(q.name + " " + row[0])
                                .isGreaterThanOrEqualTo(((Number) row[1]).longValue());
                    }
                }
            }
        }
    }

    private static Map<Long, List<Object[]>> merged(List<MergedWindow> windows) {
        Map<Long, List<Object[]>> out = new TreeMap<>();
        for (MergedWindow w : windows) {
            if (!w.rows().isEmpty()) {
                out.computeIfAbsent(w.start(), k -> new ArrayList<>()).addAll(w.rows());
            }
        }
        return out;
    }

    private static Map<Long, List<String>> text(Map<Long, List<Object[]>> rows) {
        Map<Long, List<String>> out = new TreeMap<>();
        rows.forEach((start, list) -> {
            if (!list.isEmpty()) {
                List<String> lines = new ArrayList<>();
                list.forEach(r -> lines.add(Arrays.deepToString(comparable(r))));
                lines.sort(null);
                out.put(start, lines);
            }
        });
        return out;
    }

    /**
     * A row as compared: a count-min sketch by its cells; a list of top keys ("key=estimate") by its estimates,
     * since among keys of equal estimate at the cut a merge may keep other keys than one engine, which keeps the
     * first it saw.
     */
    private static Object[] comparable(Object[] row) {
        Object[] out = row.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof SketchValue s) {
                out[i] = s.rows() + "x" + s.width() + " total " + s.total() + " " + Arrays.deepToString(s.cells());
            } else if (out[i] instanceof List<?> list && !list.isEmpty() && list.get(0).toString().contains("=")) {
                List<String> estimates = new ArrayList<>();
                list.forEach(e -> estimates.add(e.toString().substring(e.toString().lastIndexOf('=') + 1)));
                estimates.sort(null);
                out[i] = estimates;
            }
        }
        return out;
    }

    private static List<RawFrame> read(Path trace) throws Exception {
        List<RawFrame> out = new ArrayList<>();
        try (TraceReader r = TraceReaders.open(trace)) {
            RawFrame f = new RawFrame();
            while (r.next(f)) {
                RawFrame copy = new RawFrame();
                copy.data = Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen);
                copy.capLen = f.capLen;
                copy.wireLen = f.wireLen;
                copy.tsMicros = f.tsMicros;
                copy.linkType = f.linkType;
                copy.index = f.index;
                out.add(copy);
            }
        }
        return out;
    }
}
