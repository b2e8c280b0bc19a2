package org.intstream.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.controller.agent.AgentLink;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchLink;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.engine.switchtwin.SketchEpochs;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.query.switchgen.SlotProgram;
import org.junit.jupiter.api.Test;

/**
 * Placement.SWITCH_FIRST: a query that allows estimates and whose stage fits the switch runs there alone
 * (agents don't get it, its windows don't wait for them); exact queries, even those whose stage fits, and the
 * others run at the agents only; under EVERYWHERE both get a fitting query that allows estimates, and an exact
 * one stays off the switches.
 */
class SwitchFirstPlacementTest {
    private long now = 10_000;

    private static String shipped(String name) throws IOException {
        return Files.readString(Path.of("..", "queries", name + ".isq"));
    }

    @Test
    void aFittingEstimatingQueryRunsOnTheSwitchAloneAndTheOthersAtTheAgents() throws IOException {
        ControllerCore core = new ControllerCore(ControllerSettings.defaults().withPlacement(Placement.SWITCH_FIRST),
                () -> now);
        RecordingSwitch sw = new RecordingSwitch();
        core.addSwitch(sw, () -> 0, 0);
        RecordingAgent early = new RecordingAgent();
        core.agentConnected("a", "", "h1", early);

        // heavy_hitter estimates by itself (count-min, Bloom); rows of 1024 cells fit a switch slot.
        core.queries().submit(shipped("heavy_hitter"), Map.of("sketch_width", "1024"));
        // port_scan's stage fits too, but the query is exact: the agents run it.
        core.queries().submit(shipped("port_scan"), Map.of());
        core.queries().submit(shipped("ssh_brute"), Map.of());
        assertThat(core.queries().get("heavy_hitter").allowsEstimates()).isTrue();
        assertThat(core.queries().get("port_scan").allowsEstimates()).isFalse();
        assertThat(sw.calls).containsExactly("install heavy_hitter");
        assertThat(early.pushed).containsExactly("install port_scan", "install ssh_brute");
        assertThat(core.placementOf("heavy_hitter")).isEqualTo("switches");
        assertThat(core.placementOf("port_scan")).isEqualTo("agents");
        assertThat(core.placementOf("ssh_brute")).isEqualTo("agents");

        RecordingAgent late = new RecordingAgent();
        core.agentConnected("b", "", "h2", late);
        assertThat(late.pushed).as("an agent joining later gets only the agents' queries").containsExactly(
                "install port_scan", "install ssh_brute");

        core.queries().remove("heavy_hitter");
        assertThat(sw.calls).containsExactly("install heavy_hitter", "remove heavy_hitter");
        assertThat(core.placementOf("heavy_hitter")).isEqualTo("agents");
    }

    @Test
    void anExactQueryGoesToTheSwitchOnlyWithItsSubmittersLeave() throws IOException {
        ControllerCore core = new ControllerCore(ControllerSettings.defaults().withPlacement(Placement.SWITCH_FIRST),
                () -> now);
        RecordingSwitch sw = new RecordingSwitch();
        core.addSwitch(sw, () -> 0, 0);
        RecordingAgent agent = new RecordingAgent();
        core.agentConnected("a", "", "h1", agent);
        core.queries().submit(shipped("port_scan"), Map.of(), true);
        assertThat(core.queries().get("port_scan").allowsEstimates()).isTrue();
        assertThat(core.queries().get("port_scan").estimatesAllowedBySubmitter()).isTrue();
        assertThat(sw.calls).containsExactly("install port_scan");
        assertThat(agent.pushed).isEmpty();
        assertThat(core.placementOf("port_scan")).isEqualTo("switches");
    }

    @Test
    void everywhereGivesAFittingEstimatingQueryToTheAgentsAndTheSwitch() throws IOException {
        ControllerCore core = new ControllerCore(ControllerSettings.defaults(), () -> now);
        RecordingSwitch sw = new RecordingSwitch();
        core.addSwitch(sw, () -> 0, 0);
        RecordingAgent agent = new RecordingAgent();
        core.agentConnected("a", "", "h1", agent);
        core.queries().submit(shipped("heavy_hitter"), Map.of("sketch_width", "1024"));
        core.queries().submit(shipped("port_scan"), Map.of(), true);
        assertThat(sw.calls).containsExactly("install heavy_hitter", "install port_scan");
        assertThat(agent.pushed).containsExactly("install heavy_hitter", "install port_scan");
        assertThat(core.placementOf("port_scan")).isEqualTo("agents");
    }

    @Test
    void everywhereKeepsAnExactQueryOffTheSwitchesAndSaysWhy() throws IOException {
        ControllerCore core = new ControllerCore(ControllerSettings.defaults(), () -> now);
        RecordingSwitch sw = new RecordingSwitch();
        core.addSwitch(sw, () -> 0, 0);
        RecordingAgent agent = new RecordingAgent();
        core.agentConnected("a", "", "h1", agent);
        core.queries().submit(shipped("port_scan"), Map.of());
        assertThat(sw.calls).as("a slot's count-min would give estimates for an exact query").isEmpty();
        assertThat(agent.pushed).containsExactly("install port_scan");
        assertThat(core.switches().get("s1").queries()).containsEntry("port_scan", SwitchRuntime.NOT_ESTIMATING);

        RecordingSwitch later = new RecordingSwitch("s2");
        core.addSwitch(later, () -> 0, 0);
        assertThat(later.calls).as("nor on a switch added later").isEmpty();
        assertThat(core.switches().get("s2").queries()).containsEntry("port_scan", SwitchRuntime.NOT_ESTIMATING);
    }

    @Test
    void underSwitchFirstASwitchAddedLaterLeavesTheAgentsQueriesAlone() throws IOException {
        ControllerCore core = new ControllerCore(ControllerSettings.defaults().withPlacement(Placement.SWITCH_FIRST),
                () -> now);
        RecordingAgent agent = new RecordingAgent();
        core.agentConnected("a", "", "h1", agent);
        core.queries().submit(shipped("heavy_hitter"), Map.of("sketch_width", "1024"));
        assertThat(agent.pushed).containsExactly("install heavy_hitter");
        RecordingSwitch sw = new RecordingSwitch();
        core.addSwitch(sw, () -> 0, 0);
        assertThat(sw.calls).as("both would count its packets").isEmpty();
    }

    private static final class RecordingAgent implements AgentLink {
        final List<String> pushed = new ArrayList<>();

        @Override
        public void install(DeployedQuery q) {
            pushed.add("install " + q.name());
        }

        @Override
        public void remove(String query) {
            pushed.add("remove " + query);
        }
    }

    private static final class RecordingSwitch implements SwitchLink {
        final List<String> calls = new ArrayList<>();
        private final String name;
        private SketchEpochs epochs;

        RecordingSwitch() {
            this("s1");
        }

        RecordingSwitch(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SlotProgram install(SwitchStage stage) {
            calls.add("install " + stage.query());
            epochs = new SketchEpochs(stage);
            return SlotProgram.of(stage, 0);
        }

        @Override
        public void remove(String query) {
            calls.add("remove " + query);
        }

        @Override
        public EpochSketch readEpoch(String query, long epoch) {
            return epochs.close(epoch, new long[IntStreamP4.SLOT_COUNTER_CELLS],
                    new long[IntStreamP4.SLOT_COUNTER_CELLS]);
        }

        @Override
        public List<SlotHit> decode(byte[] reportPayload) {
            return List.of();
        }
    }
}
