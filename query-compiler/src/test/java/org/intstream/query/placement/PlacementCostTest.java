package org.intstream.query.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.intstream.query.ParameterBinder;
import org.intstream.query.QueryDefinition;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.DistributedPlan;
import org.intstream.query.partition.PlanSplitter;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.plan.Column;
import org.intstream.query.plan.Schema;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.type.Type;
import org.junit.jupiter.api.Test;

/** The placement cost model against hand-counted bytes for the shipped queries' splits. */
class PlacementCostTest {
    private static final Schema SRC_COUNT = Schema.of(List.of(new Column("src", Type.IP), new Column("n", Type.INT)));

    private static QueryDefinition shipped(String name) throws IOException {
        return DslParser.parseQuery(Files.readString(Path.of("..", "queries", name + ".isq")));
    }

    private static DistributedPlan split(QueryDefinition q, PlanSplitter.Sides sides) {
        return PlanSplitter.split(q.name(), ParameterBinder.bind(q, Map.of()), sides);
    }

    @Test
    void aPointLocalQuerySendsItsAnswersAndASwitchItsCounterReads() throws IOException {
        QueryDefinition q = shipped("port_scan");
        DistributedPlan plan = split(q, PlanSplitter.Sides.BY_KEY);
        SwitchStage stage = SwitchStageExtractor.extract(q.name(), ParameterBinder.bind(q, Map.of()));
        TrafficProfile t = new TrafficProfile(1_000_000, 10_000, 10, 3);
        List<PlacementOption> options = PlacementCost.options(plan, SRC_COUNT, stage, t);
        assertThat(options).extracting(PlacementOption::where).containsExactly(PlacementOption.Where.AGENTS,
                PlacementOption.Where.SWITCHES, PlacementOption.Where.CENTRAL);
        // A row: 2 bytes of framing, then per value a tag and length (2) and the value (IPv4 4, int 4).
        assertThat(PlacementCost.rowBytes(SRC_COUNT)).isEqualTo(2 + 2 + 4 + 2 + 4);
        assertThat(options.get(0).bytesPerWindow()).isEqualTo(10 * 14 + 3 * PlacementCost.PARTIAL_HEADER_BYTES);
        assertThat(options.get(1).bytesPerWindow())
                .isEqualTo(3L * IntStreamP4.SLOT_COUNTER_CELLS * 16 + 10 * 3 * PlacementCost.REPORT_BYTES);
        assertThat(options.get(1).exact()).isFalse();
        assertThat(options.get(2).bytesPerWindow()).isEqualTo(15_000_000);
    }

    @Test
    void onALightLinkTheCounterReadsCostMoreThanSendingEveryPacket() throws IOException {
        QueryDefinition q = shipped("port_scan");
        SwitchStage stage = SwitchStageExtractor.extract(q.name(), ParameterBinder.bind(q, Map.of()));
        TrafficProfile light = new TrafficProfile(1_000, 100, 1, 1);
        List<PlacementOption> options = PlacementCost.options(split(q, PlanSplitter.Sides.BY_KEY), SRC_COUNT, stage,
                light);
        assertThat(options).extracting(PlacementOption::where).containsExactly(PlacementOption.Where.AGENTS,
                PlacementOption.Where.CENTRAL, PlacementOption.Where.SWITCHES);
    }

    @Test
    void aMergedQuerySendsEveryPointsRowPerKey() throws IOException {
        DistributedPlan plan = split(shipped("ddos"), PlanSplitter.Sides.SENDER);
        assertThat(plan.mode()).isEqualTo(DistributedPlan.Mode.MERGE);
        TrafficProfile t = new TrafficProfile(1_000_000, 10_000, 10, 3);
        PlacementOption agents = PlacementCost.options(plan, SRC_COUNT, null, t).get(0);
        assertThat(agents.where()).isEqualTo(PlacementOption.Where.AGENTS);
        assertThat(agents.bytesPerWindow()).isEqualTo(30_000L * 14 + 3 * PlacementCost.PARTIAL_HEADER_BYTES);
    }

    @Test
    void unknownPartialRowsLeaveTheAgentsUnpricedAndNoStageNoSwitch() throws IOException {
        DistributedPlan plan = split(shipped("port_scan"), PlanSplitter.Sides.BY_KEY);
        assertThat(PlacementCost.options(plan, null, null, TrafficProfile.DEFAULT))
                .extracting(PlacementOption::where).containsExactly(PlacementOption.Where.CENTRAL);
    }

    @Test
    void aProfileCapsKeysByPacketsAndRefusesNegatives() {
        TrafficProfile t = new TrafficProfile(10, 100, 1_000, 2);
        assertThat(t.keys()).isEqualTo(10);
        assertThat(t.answers()).isEqualTo(10);
        assertThatThrownBy(() -> new TrafficProfile(-1, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be >= 0");
        assertThatThrownBy(() -> new TrafficProfile(1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points >= 1");
    }
}
