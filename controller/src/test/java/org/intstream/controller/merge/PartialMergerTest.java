package org.intstream.controller.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.query.type.IpAddress;
import org.intstream.query.partition.PlanSplitter;
import org.junit.jupiter.api.Test;

/** tcp_new_conn with a threshold of 4 per 5 s window, merged from agents a, b and c. */
class PartialMergerTest {
    private static final long W = 5_000_000L;
    /** Window starts in 2026, far before "now" below: a replay. */
    private static final long T0 = 1_795_381_580_000_000L;
    /** The controller's clock, in ms: a minute after the first window ended. */
    private static final long NOW = T0 / 1000 + 60_000;
    private static final Set<String> ABC = Set.of("a", "b", "c");
    private static final IpAddress D1 = IpAddress.parse("10.0.0.1");
    private static final IpAddress D2 = IpAddress.parse("10.0.0.2");

    private final List<MergedWindow> out = new ArrayList<>();
    private final DeployedQuery query;
    private final PartialMerger merger;
    private long seq;

    PartialMergerTest() throws IOException {
        // Observed at the senders, so the threshold is network-wide and the partials are merged.
        query = DeployedQuery.compile(Files.readString(Path.of("..", "queries", "tcp_new_conn.isq")),
                Map.of("threshold", "4"), 7, PlanSplitter.Sides.SENDER);
        merger = new PartialMerger(query, 1000, out::add);
    }

    private PartialReport report(String agent, long start, Object[]... rows) {
        return new PartialReport(agent, "tcp_new_conn", 7, ++seq, start, start + W, List.of(rows), true, 10, 600, 0,
                false, List.of());
    }

    private static Object[] row(IpAddress dst, long conns) {
        return new Object[] {dst, conns};
    }

    @Test
    void aKeyBelowTheThresholdAtEveryAgentIsFoundOnceTheirCountsAreAdded() {
        assertThat(merger.accept(report("a", T0, row(D1, 2), row(D2, 1)), ABC, 0)).isEqualTo(Acceptance.ACCEPTED);
        assertThat(merger.accept(report("b", T0, row(D1, 2)), ABC, 0)).isEqualTo(Acceptance.ACCEPTED);
        assertThat(out).as("c has not reported").isEmpty();
        assertThat(merger.accept(report("c", T0, row(D1, 1), row(D2, 3)), ABC, 0)).isEqualTo(Acceptance.ACCEPTED);

        assertThat(out).hasSize(1);
        MergedWindow w = out.get(0);
        assertThat(w.start()).isEqualTo(T0);
        assertThat(w.end()).isEqualTo(T0 + W);
        assertThat(w.rows()).containsExactly(new Object[] {D1, 5L});
        assertThat(w.partial()).isFalse();
        assertThat(w.coverage()).isEqualTo("3/3");
        assertThat(w.packets()).isEqualTo(30);
        assertThat(merger.counters().windowsPublished()).isEqualTo(1);
    }

    @Test
    void aResendIsADuplicateBeforeAndAfterItsWindowIsPublished() {
        merger.accept(report("a", T0, row(D1, 3)), ABC, 0);
        assertThat(merger.accept(report("a", T0, row(D1, 3)), ABC, 0)).isEqualTo(Acceptance.DUPLICATE);
        merger.accept(report("b", T0, row(D1, 1)), ABC, 0);
        merger.accept(report("c", T0, row(D1, 1)), ABC, 0);
        assertThat(merger.accept(report("b", T0, row(D1, 1)), ABC, 0)).isEqualTo(Acceptance.DUPLICATE);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).rows()).as("3 + 1 + 1, each agent once").containsExactly(new Object[] {D1, 5L});
        assertThat(merger.counters().partialsDuplicate()).isEqualTo(2);
    }

    @Test
    void aWindowMissingAnAgentIsPublishedPartialAfterItsGrace() {
        merger.accept(report("a", T0, row(D1, 3)), ABC, NOW);
        merger.accept(report("b", T0, row(D1, 3)), ABC, NOW + 500);
        merger.expire(ABC, NOW + 999);
        assertThat(out).as("the grace runs from the first report, the window's end being long past").isEmpty();
        merger.expire(ABC, NOW + 1000);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).partial()).isTrue();
        assertThat(out.get(0).coverage()).isEqualTo("2/3");
        assertThat(out.get(0).reported()).containsExactly("a", "b");
        assertThat(out.get(0).rows()).containsExactly(new Object[] {D1, 6L});
        assertThat(merger.accept(report("c", T0, row(D1, 1)), ABC, NOW + 1001)).isEqualTo(Acceptance.LATE);
        assertThat(merger.counters().windowsPartial()).isEqualTo(1);
    }

    @Test
    void windowsArePublishedInOrder() {
        merger.accept(report("a", T0, row(D1, 5)), ABC, NOW);
        merger.accept(report("b", T0), ABC, NOW);
        for (String agent : List.of("a", "b", "c")) {
            merger.accept(report(agent, T0 + W, row(D2, 2)), ABC, NOW);
        }
        assertThat(out).as("the later window waits for the earlier one").isEmpty();
        merger.accept(report("c", T0), ABC, NOW);
        assertThat(out).extracting(MergedWindow::start).containsExactly(T0, T0 + W);
        assertThat(out.get(1).rows()).containsExactly(new Object[] {D2, 6L});
    }

    @Test
    void anIncompleteReportCountsButMarksTheWindowPartial() {
        merger.accept(report("a", T0, row(D1, 3)), ABC, 0);
        merger.accept(report("b", T0, row(D1, 3)), ABC, 0);
        merger.accept(new PartialReport("c", "tcp_new_conn", 7, 99, T0, T0 + W, List.of(), false, 1, 60, 0, false,
                List.of()), ABC, 0);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).partial()).isTrue();
        assertThat(out.get(0).coverage()).isEqualTo("2/3");
    }

    @Test
    void reportsThatDoNotFitAreRefused() {
        assertThat(merger.accept(new PartialReport("a", "tcp_new_conn", 6, 1, T0, T0 + W, List.of(), true, 0, 0, 0,
                false, List.of()), ABC, 0)).isEqualTo(Acceptance.UNKNOWN_QUERY);
        assertThat(merger.accept(new PartialReport("a", "tcp_new_conn", 7, 2, T0 + 1, T0 + W + 1, List.of(), true, 0,
                0, 0, false, List.of()), ABC, 0)).isEqualTo(Acceptance.MALFORMED);
        PartialReport wrongType = report("a", T0, new Object[] {"10.0.0.1", 3L});
        assertThat(merger.accept(wrongType, ABC, 0)).isEqualTo(Acceptance.MALFORMED);
        assertThat(merger.malformation(wrongType)).isEqualTo("column dst (ip) holds a String");
        assertThat(merger.accept(report("a", T0, new Object[] {D1}), ABC, 0)).isEqualTo(Acceptance.MALFORMED);
        assertThat(merger.pendingWindows()).isZero();
        assertThat(merger.counters().snapshot()).containsEntry("partials_malformed", 4L);
    }
}
