package org.intstream.onos.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_SLOT0_FILTER;
import static org.intstream.onos.pipeconf.P4InfoConstants.INT_STREAM_INGRESS_SLOT1_FILTER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.onos.IntStreamQuery;
import org.intstream.onos.QueryStatus;
import org.intstream.onos.slot.WiredSwitchSlotManager;
import org.intstream.onos.testing.ModelConformance;
import org.intstream.onos.testing.RecordingFlowRuleService;
import org.intstream.onos.testing.SimpleIntStreamQueryStore;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.SwitchResourceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onosproject.net.DeviceId;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.pi.model.PiPipeconf;

class IntStreamManagerTest {
    private static final DeviceId S1 = WiredIntStreamManager.S1;
    private static final DeviceId S2 = WiredIntStreamManager.S2;
    private static final PiPipeconf PIPECONF = WiredIntStreamManager.PIPECONF;

    private WiredIntStreamManager manager;
    private RecordingFlowRuleService flowRules;
    private SimpleIntStreamQueryStore store;
    private WiredSwitchSlotManager slots;

    static String text(String query) throws IOException {
        return Files.readString(Path.of("..", "queries", query + ".isq"), StandardCharsets.UTF_8);
    }

    @BeforeEach
    void activate() {
        manager = new WiredIntStreamManager();
        flowRules = manager.flowRules;
        store = manager.queryStore;
        slots = manager.slots;
    }

    private static List<String> tables(List<FlowRule> rules) {
        return rules.stream().map(r -> r.deviceId() + " " + r.table()).collect(Collectors.toList());
    }

    private void report(DeviceId device, String query, int src) {
        manager.report(device, new SlotHit(query, 0, 7, 70_000_000L, new int[] {src, 0, 0, 0, 0}));
    }

    @Test
    void anExactQueryGoesToTheSwitchesOnlyWithItsSubmittersLeave() throws IOException {
        IntStreamQuery q = manager.submit(text("port_scan"), Map.of("threshold", "20"));
        assertThat(q.status()).isEqualTo(QueryStatus.HOSTS_ONLY);
        assertThat(q.estimatesAllowed()).isFalse();
        assertThat(q.note()).isEqualTo(SwitchRuntime.NOT_ESTIMATING);
        assertThat(slots.installed(S1)).as("a slot would only estimate it").isEmpty();
        assertThat(flowRules.applied).isEmpty();

        // heavy_hitter estimates by itself (count-min, Bloom): it needs no leave.
        IntStreamQuery hh = manager.submit(text("heavy_hitter"), Map.of("sketch_width", "1024"));
        assertThat(hh.status()).isEqualTo(QueryStatus.ON_SWITCHES);
        assertThat(slots.installed(S1)).extracting(p -> p.stage().query()).containsExactly("heavy_hitter");
    }

    @Test
    void submit() throws IOException {
        IntStreamQuery q = manager.submit(text("port_scan"), Map.of("threshold", "20"), true);

        assertThat(q.name()).isEqualTo("port_scan");
        assertThat(q.status()).isEqualTo(QueryStatus.ON_SWITCHES);
        assertThat(q.devices()).as("not the device without the pipeconf").containsExactly("device:s1", "device:s2");
        assertThat(q.parameters()).isEqualTo(Map.of("threshold", "20"));
        assertThat(q.estimatesAllowed()).isTrue();
        assertThat(q.text()).isEqualTo(text("port_scan"));
        assertThat(q.note()).startsWith("point-local: the key (ip.src) is seen at one point only");
        assertThat(store.queries()).containsExactly(q);
        assertThat(manager.queries()).containsExactly(q);
        assertThat(manager.query("port_scan")).contains(q);
        // The switch stage, threshold overridden, as slot 0's filter entry on each device.
        assertThat(tables(flowRules.applied)).containsExactly("device:s1 " + INT_STREAM_INGRESS_SLOT0_FILTER,
                "device:s2 " + INT_STREAM_INGRESS_SLOT0_FILTER);
        flowRules.applied.forEach(r -> ModelConformance.assertConforms(r, PIPECONF.pipelineModel()));
        // Two switches may each see part of a source's packets: each reports over half the threshold.
        assertThat(slots.installed(S1)).singleElement().satisfies(p -> assertThat(p.stage())
                .isEqualTo(SwitchStageExtractor.extract(DslParser.parseQuery(text("port_scan")),
                        Map.of("threshold", "20")).withThreshold(10)));

        manager.submit(text("tcp_new_conn"), Map.of(), true);
        assertThat(tables(flowRules.applied.subList(2, 4))).containsExactly(
                "device:s1 " + INT_STREAM_INGRESS_SLOT1_FILTER, "device:s2 " + INT_STREAM_INGRESS_SLOT1_FILTER);
        assertThat(manager.queries()).extracting(IntStreamQuery::name).containsExactly("port_scan", "tcp_new_conn");
    }

    @Test
    void submitRefusesABadQueryWithTheParsersPosition() {
        assertThatThrownBy(() -> manager.submit("query broken\n  packets\n  | filter ip.proto == \n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 4, column 1: unexpected end of text; expected an expression");
        assertThatThrownBy(() -> manager.submit("query typo\n  packets\n  | filter ip.prot == 6\n"
                + "  | window tumbling 1s\n  | reduce count() as n by ip.src\n", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 3, column 12: ").hasMessageContaining("ip.prot");
        assertThatThrownBy(() -> manager.submit("", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThat(store.queries()).isEmpty();
        assertThat(flowRules.applied).isEmpty();
    }

    @Test
    void submitRefusesUnknownParametersAndNamesInUse() throws IOException {
        assertThatThrownBy(() -> manager.submit(text("port_scan"), Map.of("treshold", "20"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query port_scan has no parameter 'treshold'");
        assertThatThrownBy(() -> manager.submit(text("port_scan"), Map.of("threshold", "many"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'threshold' of query port_scan is an integer, and 'many' is not");
        manager.submit(text("port_scan"), Map.of(), true);
        assertThatThrownBy(() -> manager.submit(text("port_scan"), Map.of("threshold", "5"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("query port_scan is already submitted; remove it first");
        assertThat(flowRules.applied).hasSize(2);
    }

    @Test
    void submitKeepsAQueryNoSwitchCanRunForTheHosts() throws IOException {
        IntStreamQuery q = manager.submit(text("tcp_rtt"), Map.of(), true);
        assertThat(q.status()).isEqualTo(QueryStatus.HOSTS_ONLY);
        assertThat(q.devices()).isEmpty();
        assertThat(q.note()).matches("(?s)line \\d+, column \\d+: .+");
        assertThat(flowRules.applied).isEmpty();
        assertThat(store.get("tcp_rtt")).contains(q);
    }

    @Test
    void submitWaitsForSwitchesAndPlacesOnThoseThatAppear() throws IOException {
        manager.intStreamDevices.clear();
        IntStreamQuery q = manager.submit(text("port_scan"), Map.of(), true);
        assertThat(q.status()).isEqualTo(QueryStatus.WAITING_FOR_SWITCHES);
        assertThat(flowRules.applied).isEmpty();

        manager.intStreamDevices.add(S2);
        manager.deviceListeners.forEach(l -> {
            DeviceEvent e = new DeviceEvent(DeviceEvent.Type.DEVICE_ADDED, WiredIntStreamManager.device(S2));
            if (l.isRelevant(e)) {
                l.event(e);
            }
        });
        assertThat(tables(flowRules.applied)).containsExactly("device:s2 " + INT_STREAM_INGRESS_SLOT0_FILTER);
        assertThat(store.get("port_scan").orElseThrow().status()).isEqualTo(QueryStatus.ON_SWITCHES);
        assertThat(store.get("port_scan").orElseThrow().devices()).containsExactly("device:s2");
    }

    @Test
    void submitPlacesOnlyOnDevicesThisInstanceMastersAndFollowsMastership() throws IOException {
        manager.mastership.setLocalMaster(S2, false);
        IntStreamQuery q = manager.submit(text("port_scan"), Map.of(), true);
        assertThat(q.devices()).as("s2's master places it there").containsExactly("device:s1");
        assertThat(tables(flowRules.applied)).containsExactly("device:s1 " + INT_STREAM_INGRESS_SLOT0_FILTER);

        manager.mastership.setLocalMaster(S2, true);
        assertThat(tables(flowRules.applied)).containsExactly("device:s1 " + INT_STREAM_INGRESS_SLOT0_FILTER,
                "device:s2 " + INT_STREAM_INGRESS_SLOT0_FILTER);
        assertThat(store.get("port_scan").orElseThrow().devices()).containsExactly("device:s1", "device:s2");
        assertThat(manager.runtimeManager.core().switches().get("device:s2").runs("port_scan")).isTrue();

        // Losing s1 leaves its rules to the new master; removing the query later doesn't touch s1.
        manager.mastership.setLocalMaster(S1, false);
        assertThat(slots.installed(S1)).isEmpty();
        manager.remove("port_scan");
        assertThat(tables(flowRules.removed)).containsExactly("device:s2 " + INT_STREAM_INGRESS_SLOT0_FILTER);
    }

    @Test
    void windowsAndAgentsComeFromTheControllerCore() throws IOException {
        manager.submit(text("port_scan"), Map.of(), true);
        assertThat(manager.runtimeManager.core().queries().get("port_scan")).isNotNull();
        assertThat(manager.windows("port_scan")).isEmpty();
        assertThatThrownBy(() -> manager.windows("nope")).hasMessageContaining("no query named nope");
        manager.runtimeManager.core().agentConnected("h1", "", "h1/eth0", new org.intstream.controller.agent.AgentLink() {
            @Override
            public void install(org.intstream.controller.query.DeployedQuery query) {
            }

            @Override
            public void remove(String query) {
            }
        });
        assertThat(manager.agents()).extracting(a -> a.id() + " " + a.point()).containsExactly("h1 h1/eth0");
        manager.remove("port_scan");
        assertThat(manager.runtimeManager.core().queries().list()).isEmpty();
    }

    @Test
    void submitInstallsEverywhereOrNowhere() throws IOException {
        // s2's four slots are taken: the query can't go there, so it doesn't stay on s1 either.
        for (String other : List.of("tcp_new_conn", "ddos", "super_spreader", "syn_flood")) {
            slots.install(S2, SwitchStageExtractor.extract(DslParser.parseQuery(text(other)), Map.of()));
        }
        flowRules.applied.clear();
        assertThatThrownBy(() -> manager.submit(text("port_scan"), Map.of(), true))
                .isInstanceOf(SwitchResourceException.class).hasMessageContaining("slot");
        assertThat(tables(flowRules.applied)).containsExactly("device:s1 " + INT_STREAM_INGRESS_SLOT0_FILTER);
        assertThat(flowRules.removed).containsExactlyElementsOf(flowRules.applied);
        assertThat(slots.installed(S1)).isEmpty();
        assertThat(store.queries()).isEmpty();
    }

    @Test
    void remove() throws IOException {
        manager.submit(text("port_scan"), Map.of(), true);
        report(S1, "port_scan", 0x0A000001);
        IntStreamQuery removed = manager.remove("port_scan");

        assertThat(removed.name()).isEqualTo("port_scan");
        assertThat(flowRules.removed).containsExactlyInAnyOrderElementsOf(flowRules.applied);
        assertThat(slots.installed(S1)).isEmpty();
        assertThat(slots.installed(S2)).isEmpty();
        assertThat(store.queries()).isEmpty();
        assertThatThrownBy(() -> manager.results("port_scan")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> manager.remove("port_scan")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no query named port_scan is submitted (none is)");
        manager.submit(text("tcp_new_conn"), Map.of(), true);
        assertThatThrownBy(() -> manager.remove("port_scna")).hasMessage(
                "no query named port_scna is submitted; submitted: tcp_new_conn");
    }

    @Test
    void results() throws IOException {
        manager.submit(text("port_scan"), Map.of(), true);
        assertThat(manager.results("port_scan")).isEmpty();
        report(S1, "port_scan", 0x0A000001);
        report(S2, "port_scan", 0x0A000002);
        report(S1, "other_app_query", 0x0A000003);
        assertThat(manager.results("port_scan")).extracting(h -> h.key()[0])
                .containsExactly(0x0A000001, 0x0A000002);
        assertThatThrownBy(() -> manager.results("other_app_query")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no query named other_app_query is submitted; submitted: port_scan");
    }

    @Test
    void resultsKeepTheNewestUpToTheConfiguredBound() throws IOException {
        manager.modified(Map.of(OsgiPropertyConstants.RESULTS_PER_QUERY, "2"));
        manager.submit(text("port_scan"), Map.of(), true);
        for (int i = 1; i <= 5; i++) {
            report(S1, "port_scan", i);
        }
        assertThat(manager.results("port_scan")).extracting(h -> h.key()[0]).containsExactly(4, 5);
        // A value that is not a positive integer changes nothing.
        manager.modified(Map.of(OsgiPropertyConstants.RESULTS_PER_QUERY, "0"));
        manager.modified(Map.of(OsgiPropertyConstants.RESULTS_PER_QUERY, "lots"));
        report(S1, "port_scan", 6);
        assertThat(manager.results("port_scan")).extracting(h -> h.key()[0]).containsExactly(5, 6);
    }

    @Test
    void explain() throws IOException {
        String text = manager.explain(text("port_scan"), Map.of("threshold", "20"));
        assertThat(text).startsWith("query port_scan (threshold=20, window=10s)\n  logical plan:\n    Rstream\n")
                .contains("\n  distributed plan of port_scan: point-local\n",
                        "\n  switch stage of port_scan:\n", "\n    report   count > 20\n",
                        "\n    entries (shown for slot 0; each device uses its lowest free slot):\n      "
                                + INT_STREAM_INGRESS_SLOT0_FILTER.id() + " {ip_proto=0x6&&&0xff, tcp_flags=0x2&&&0x12}",
                        "report_threshold=20,")
                .endsWith("\n  devices running the IntStream pipeconf: device:s1, device:s2\n");
        assertThat(manager.explain(text("tcp_rtt"), Map.of()))
                .contains("no switch stage; end-host agents run all of it: line ");
        assertThat(store.queries()).as("explaining submits nothing").isEmpty();
        assertThat(flowRules.applied).isEmpty();
        assertThatThrownBy(() -> manager.explain("query q\n  packets |", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line ");
    }

    @Test
    void activatePlacesStoredQueriesAgain() throws IOException {
        manager.deactivate();
        store.add(new IntStreamQuery("port_scan", text("port_scan"), Map.of("threshold", "20"),
                QueryStatus.ON_SWITCHES, List.of("device:s1"), "merge: stored before a restart", true));
        manager.activate(Map.of());

        IntStreamQuery placed = store.get("port_scan").orElseThrow();
        assertThat(placed.status()).isEqualTo(QueryStatus.ON_SWITCHES);
        assertThat(placed.devices()).containsExactly("device:s1", "device:s2");
        assertThat(tables(flowRules.applied)).containsExactly("device:s1 " + INT_STREAM_INGRESS_SLOT0_FILTER,
                "device:s2 " + INT_STREAM_INGRESS_SLOT0_FILTER);
        assertThat(manager.configRegistrations).containsExactly("register IntStreamManager",
                "unregister IntStreamManager",
                "register IntStreamManager");
        report(S1, "port_scan", 9);
        assertThat(manager.results("port_scan")).hasSize(1);
    }

    @Test
    void activateAdoptsWhatTheSlotManagerStillHolds() throws IOException {
        // Only the manager restarts: the slot manager keeps its slots, so nothing is written twice.
        manager.submit(text("port_scan"), Map.of("threshold", "20"), true);
        manager.deactivate();
        manager.activate(Map.of());
        assertThat(flowRules.applied).hasSize(2);
        assertThat(flowRules.removed).isEmpty();
        assertThat(store.get("port_scan").orElseThrow().devices()).containsExactly("device:s1", "device:s2");

        // A stored definition that differs from the installed stage replaces it.
        manager.deactivate();
        IntStreamQuery stored = store.get("port_scan").orElseThrow();
        store.update(new IntStreamQuery("port_scan", stored.text(), Map.of("threshold", "30"), stored.status(),
                stored.devices(), stored.note(), stored.estimatesAllowed()));
        manager.activate(Map.of());
        assertThat(flowRules.removed).containsExactlyElementsOf(flowRules.applied.subList(0, 2));
        assertThat(flowRules.applied).hasSize(4);
        assertThat(slots.installed(S1)).singleElement().satisfies(p -> assertThat(p.stage().threshold()).isEqualTo(15));
        assertThat(manager.runtimeManager.core().queries().get("port_scan").parameters())
                .containsEntry("threshold", "30");
    }
}
