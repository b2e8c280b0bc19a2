package org.intstream.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.intstream.query.QueryException;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.Schema;
import org.intstream.query.type.IpAddress;
import org.intstream.query.type.Type;
import org.junit.jupiter.api.Test;

/** Streams that come from outside the engine: declared with a schema, fed rows and time by the caller. */
class EngineInputTest {
    private static final long S = 1_000_000L;
    private static final Schema PARTIALS = Schema.of(List.of(new Column("dst", Type.IP), new Column("conns", Type.INT)));
    private static final IpAddress A = IpAddress.parse("10.0.0.1");
    private static final IpAddress B = IpAddress.parse("10.0.0.2");

    private final Engine engine = new Engine(FunctionRegistry.builtins());
    private final Map<String, List<WindowBatch>> out = new LinkedHashMap<>();

    EngineInputTest() {
        engine.declareInput("conn.partials", PARTIALS);
        engine.addSink((info, batch) -> out.computeIfAbsent(info.output(), k -> new ArrayList<>()).add(batch));
    }

    private void register(String text) {
        engine.register(DslParser.parseQuery(text), Map.of());
    }

    @Test
    void windowedQueryOverAnInputClosesWhenTheInputAdvances() {
        register("query merged conn.partials | window tumbling 5s | reduce sum(conns) as conns by dst "
                + "| filter conns > 3");
        engine.onInputRow("conn.partials", 0, new Object[] {A, 2L});
        engine.onInputRow("conn.partials", 0, new Object[] {A, 2L});
        engine.onInputRow("conn.partials", 0, new Object[] {B, 1L});
        engine.advanceInput("conn.partials", 4 * S);
        assertThat(out).as("the window [0, 5s) is still open").isEmpty();

        engine.advanceInput("conn.partials", 5 * S);
        assertThat(out.get("merged")).hasSize(1);
        WindowBatch w = out.get("merged").get(0);
        assertThat(w.start).isZero();
        assertThat(w.end).isEqualTo(5 * S);
        assertThat(w.rows).containsExactly(new Object[] {A, 4L});

        engine.onInputRow("conn.partials", 5 * S, new Object[] {B, 9L});
        engine.advanceInput("conn.partials", 10 * S);
        assertThat(out.get("merged")).hasSize(2);
        assertThat(out.get("merged").get(1).rows).containsExactly(new Object[] {B, 9L});
    }

    @Test
    void aRowBehindTheWatermarkIsLateAndNotCounted() {
        register("query merged conn.partials | window tumbling 5s | reduce sum(conns) as conns by dst");
        engine.onInputRow("conn.partials", 0, new Object[] {A, 1L});
        engine.advanceInput("conn.partials", 5 * S);
        engine.onInputRow("conn.partials", 0, new Object[] {A, 1L});
        engine.finish();
        assertThat(out.get("merged")).hasSize(1);
        assertThat(out.get("merged").get(0).rows).containsExactly(new Object[] {A, 1L});
        assertThat(engine.lateRecords()).containsEntry("merged", 1L);
    }

    @Test
    void streamQueryOverAnInputEmitsEachRowAndQueriesComposeOnTop() {
        register("query big conn.partials | filter conns >= 5");
        register("query per_10s big | window tumbling 10s | reduce count() as n");
        engine.onInputRow("conn.partials", 0, new Object[] {A, 5L});
        engine.onInputRow("conn.partials", 5 * S, new Object[] {B, 4L});
        engine.onInputRow("conn.partials", 5 * S, new Object[] {B, 7L});
        engine.advanceInput("conn.partials", 10 * S);
        List<Object[]> big = new ArrayList<>();
        out.get("big").forEach(b -> big.addAll(b.rows));
        assertThat(big).containsExactly(new Object[] {A, 5L}, new Object[] {B, 7L});
        assertThat(out.get("per_10s")).hasSize(1);
        assertThat(out.get("per_10s").get(0).rows).containsExactly(new Object[] {2L});
    }

    @Test
    void badUseIsRefusedByName() {
        assertThatThrownBy(() -> engine.declareInput("conn.partials", PARTIALS)).isInstanceOf(QueryException.class)
                .hasMessageContaining("conn.partials");
        assertThatThrownBy(() -> engine.onInputRow("other", 0, new Object[] {A, 1L}))
                .hasMessageContaining("'other' is not a declared input");
        assertThatThrownBy(() -> engine.onInputRow("conn.partials", 0, new Object[] {A}))
                .hasMessageContaining("has 1 values, its schema 2");
        assertThatThrownBy(() -> engine.advanceInput("nope", 0)).hasMessageContaining("'nope' is not a declared input");
        assertThatThrownBy(() -> register("query bad conn.partials | filter missing > 1"))
                .isInstanceOf(QueryException.class).hasMessageContaining("missing");
    }
}
