package org.intstream.agent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.proto.agent.Partial;
import org.intstream.query.QueryException;
import org.intstream.query.type.IpAddress;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.partition.PlanSplitter;
import org.junit.jupiter.api.Test;

class LocalStageTest {
    private static final long S = 1_000_000L;
    private final List<Partial> out = new ArrayList<>();
    private long drops;

    private LocalStage stage(String query, long observedFrom) throws IOException {
        return new LocalStage(query, 4, Files.readString(Path.of("..", "queries", query + ".isq")), Map.of(),
                PlanSplitter.Sides.SENDER, null, observedFrom, () -> drops, b -> out.add(b.build()));
    }

    @Test
    void everyWindowIsReportedOnceItsEndPassesEvenWithoutRows() throws IOException {
        LocalStage s = stage("tcp_new_conn", Long.MIN_VALUE);
        s.onFrame(SynFrames.syn(1 * S, "10.0.0.5", "10.0.0.1", 80));
        s.onFrame(SynFrames.syn(2 * S, "10.0.0.6", "10.0.0.1", 80));
        drops = 3;
        s.onFrame(SynFrames.syn(7 * S, "10.0.0.5", "10.0.0.1", 80));
        assertThat(out).hasSize(1);
        s.advanceTime(16 * S);
        s.finish();

        assertThat(out).extracting(Partial::getWindow).containsExactly(0L, 1L, 2L, 3L);
        Partial first = out.get(0);
        assertThat(first.getQuery()).isEqualTo("tcp_new_conn");
        assertThat(first.getQueryVersion()).isEqualTo(4);
        assertThat(first.getWindowUs()).isEqualTo(5 * S);
        assertThat(first.getIncomplete()).isFalse();
        assertThat(first.getPackets()).isEqualTo(2);
        assertThat(first.getBytes()).isEqualTo(120);
        assertThat(PartialRows.of(first).size()).isEqualTo(1);
        assertThat(first.getRowColumns().isEmpty()).as("plain values go column by column").isFalse();
        assertThat(first.getRowsCount()).isZero();
        assertThat(PartialRows.of(first).get(0)).containsExactly(IpAddress.parse("10.0.0.1"), 2L);
        assertThat(out.get(0).getCaptureDrops()).isEqualTo(3);
        assertThat(out.get(1).getCaptureDrops()).as("drops are per window").isZero();
        assertThat(PartialRows.of(out.get(1)).get(0)).containsExactly(IpAddress.parse("10.0.0.1"), 1L);
        assertThat(PartialRows.of(out.get(2)).size()).isZero();
        assertThat(out.get(2).getPackets()).isZero();
        assertThat(PartialRows.of(out.get(3)).size()).isZero();
    }

    @Test
    void aSketchTravelsWithoutItsBoundNoteAndTopEstimatesWhichTheControllerMakesForTheSum() throws IOException {
        LocalStage s = stage("sketch_gen", Long.MIN_VALUE);
        s.onFrame(SynFrames.syn(1 * S, "10.0.0.5", "10.0.0.1", 80));
        s.onFrame(SynFrames.syn(2 * S, "10.0.0.5", "10.0.0.2", 80));
        s.finish();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getApproximate()).isTrue();
        assertThat(out.get(0).getNotesList()).noneMatch(n -> n.startsWith("count-min "));
        assertThat(out.get(0).getRowColumns().isEmpty()).as("a sketch row goes column by column too").isFalse();
        Object[] row = PartialRows.of(out.get(0)).get(0);
        assertThat(row[0]).isEqualTo(2L);
        assertThat(((org.intstream.engine.sketch.SketchValue) row[6]).estimate(IpAddress.parse("10.0.0.5").v4Bits()
                & 0xFFFFFFFFL)).isEqualTo(2);
        assertThat(row[5]).as("the top keys go as candidates, without the point's estimates")
                .isEqualTo(List.of("10.0.0.5"));
    }

    @Test
    void windowsBeforeTheAgentObservedEverythingAreIncomplete() throws IOException {
        LocalStage s = stage("tcp_new_conn", 3 * S);
        s.onFrame(SynFrames.syn(3 * S, "10.0.0.5", "10.0.0.1", 80));
        s.advanceTime(10 * S);
        assertThat(out).extracting(Partial::getIncomplete).containsExactly(true, false);
    }

    @Test
    void pointLocalStageRunsTheWholeQuery() throws IOException {
        LocalStage s = new LocalStage("port_scan", 1, Files.readString(Path.of("..", "queries", "port_scan.isq")),
                Map.of("threshold", "2"), PlanSplitter.Sides.SENDER, ObservationPoint.PACKET_AT_SENDER, Long.MIN_VALUE, () -> 0,
                b -> out.add(b.build()));
        for (int port = 1; port <= 3; port++) {
            s.onFrame(SynFrames.syn(S + port, "10.0.0.5", "10.0.0.1", port));
            s.onFrame(SynFrames.syn(S + port, "10.0.0.6", "10.0.0.1", port % 2));
        }
        s.finish();
        assertThat(out).hasSize(1);
        assertThat(PartialRows.of(out.get(0)).size()).as("only the scanner passes the threshold locally").isEqualTo(1);
        assertThat(PartialRows.of(out.get(0)).get(0)).containsExactly(IpAddress.parse("10.0.0.5"), 3L);
    }

    @Test
    void installsThatCannotRunAreRefusedByName() throws IOException {
        String ddos = Files.readString(Path.of("..", "queries", "ddos.isq"));
        assertThatThrownBy(() -> new LocalStage("other", 1, ddos, Map.of(), PlanSplitter.Sides.SENDER, null, 0, () -> 0,
                b -> { }))
                .isInstanceOf(QueryException.class).hasMessageContaining("install of 'other' must carry that one query");
        // Timestamps collected per port, seen at many points, can't be merged exactly: it would run centrally.
        String central = "query ports(window = 5s) packets | window tumbling window "
                + "| reduce collect(ts) as times by l4.dport as port";
        assertThatThrownBy(() -> new LocalStage("ports", 1, central, Map.of(), PlanSplitter.Sides.SENDER, null, 0,
                () -> 0, b -> { }))
                .isInstanceOf(QueryException.class).hasMessageContaining("'ports' has no local stage");
    }

    @Test
    void byKeyAPerDestinationQueryRunsItsThresholdAtTheReceiver() throws IOException {
        String text = Files.readString(Path.of("..", "queries", "tcp_new_conn.isq"));
        LocalStage s = new LocalStage("tcp_new_conn", 2, text, Map.of("threshold", "1"), PlanSplitter.Sides.BY_KEY,
                ObservationPoint.PACKET_AT_RECEIVER, Long.MIN_VALUE, () -> 0, b -> out.add(b.build()));
        assertThat(s.point()).isEqualTo(ObservationPoint.PACKET_AT_RECEIVER);
        s.onFrame(SynFrames.syn(S, "10.0.0.5", "10.0.0.1", 80));
        s.onFrame(SynFrames.syn(S + 1, "10.0.0.6", "10.0.0.1", 80));
        s.onFrame(SynFrames.syn(S + 2, "10.0.0.7", "10.0.0.2", 80));
        s.finish();
        assertThat(out).hasSize(1);
        assertThat(PartialRows.of(out.get(0)).size()).as("only the destination over the threshold crosses").isEqualTo(1);
        assertThat(PartialRows.of(out.get(0)).get(0)).containsExactly(IpAddress.parse("10.0.0.1"), 2L);
    }

    @Test
    void aStageWhoseSplitDisagreesWithTheControllersPointIsRefused() throws IOException {
        String text = Files.readString(Path.of("..", "queries", "tcp_new_conn.isq"));
        assertThatThrownBy(() -> new LocalStage("tcp_new_conn", 1, text, Map.of(), PlanSplitter.Sides.SENDER,
                ObservationPoint.PACKET_AT_RECEIVER, 0, () -> 0, b -> { }))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("observed at PACKET_AT_SENDER here but at PACKET_AT_RECEIVER by the controller");
    }
}
