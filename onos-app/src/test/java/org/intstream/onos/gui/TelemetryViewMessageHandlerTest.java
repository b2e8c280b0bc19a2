package org.intstream.onos.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.controller.agent.AgentLink;
import org.intstream.controller.merge.PartialReport;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.onos.IntStreamRuntimeService;
import org.intstream.onos.query.WiredIntStreamManager;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.osgi.TestServiceDirectory;
import org.onosproject.ui.UiConnection;
import org.onosproject.ui.model.topo.UiTopoLayout;

/**
 * The view's answers are the dashboard's messages (docs/dashboard.md): queries with their placement, agents,
 * switches and the data reduction, and a query's windows as the result chart takes them.
 */
class TelemetryViewMessageHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WiredIntStreamManager intstream = new WiredIntStreamManager();
    private final List<ObjectNode> sent = new ArrayList<>();
    private final TelemetryViewMessageHandler handler = new TelemetryViewMessageHandler();
    private ControllerCore core;

    @BeforeEach
    void init() {
        core = intstream.runtimeManager.core();
        handler.init(new UiConnection() {
            @Override
            public String userName() {
                return "onos";
            }

            @Override
            public UiTopoLayout currentLayout() {
                return null;
            }

            @Override
            public void setCurrentLayout(UiTopoLayout topoLayout) {
            }

            @Override
            public String currentView() {
                return "intstreamTelemetry";
            }

            @Override
            public void setCurrentView(String viewId) {
            }

            @Override
            public void sendMessage(ObjectNode message) {
                sent.add(message);
            }

            @Override
            public void sendMessage(String type, ObjectNode payload) {
                ObjectNode m = JSON.createObjectNode();
                m.put("event", type);
                m.set("payload", payload);
                sent.add(m);
            }
        }, new TestServiceDirectory().add(IntStreamRuntimeService.class, intstream.runtimeManager));
    }

    private JsonNode ask(String event, ObjectNode payload) {
        ObjectNode m = JSON.createObjectNode();
        m.put("event", event);
        m.set("payload", payload);
        sent.clear();
        handler.process(m);
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }

    private static String shipped(String name) throws IOException {
        return Files.readString(Path.of("..", "queries", name + ".isq"));
    }

    @Test
    void telemetryListsQueriesAgentsSwitchesAndTheReduction() throws IOException {
        DeployedQuery q = core.queries().submit(shipped("port_scan"), Map.of("threshold", "20"), true);
        core.agentConnected("h1", "", "h1/eth0", new AgentLink() {
            @Override
            public void install(DeployedQuery query) {
            }

            @Override
            public void remove(String query) {
            }
        });
        core.countCrossing("port_scan", 57);
        core.onPartial(new PartialReport("h1", "port_scan", q.version(), 1, 0, 10_000_000, List.of(), true, 2005,
                112_226, 0, false, List.of()));

        JsonNode m = ask(TelemetryViewMessageHandler.TELEMETRY_REQ, JSON.createObjectNode());
        assertThat(m.path("event").asText()).isEqualTo(TelemetryViewMessageHandler.TELEMETRY_RESP);
        JsonNode p = m.path("payload");
        JsonNode query = p.path("queries").get(0);
        assertThat(query.path("name").asText()).isEqualTo("port_scan");
        assertThat(query.path("version").asLong()).isEqualTo(q.version());
        assertThat(query.path("mode").asText()).isEqualTo(q.plan().mode().name().toLowerCase().replace('_', '-'));
        assertThat(query.path("observation_point").asText()).matches("(packet|connection)-at-[a-z]+");
        assertThat(query.path("window_us").asLong()).isEqualTo(10_000_000);
        assertThat(query.path("params").toString()).isEqualTo("{\"threshold\":\"20\"}");
        assertThat(query.path("partial_columns").isArray()).isTrue();
        assertThat(query.path("result_columns").toString()).isEqualTo("[\"src\",\"ports\"]");
        assertThat(query.path("text").asText()).isEqualTo(shipped("port_scan"));
        assertThat(query.path("explain").asText()).startsWith("distributed plan of port_scan");
        assertThat(query.path("switch_stage").asText()).startsWith("switch stage of port_scan:")
                .contains("report   count > 20");
        assertThat(p.path("agents").toString()).isEqualTo("[{\"id\":\"h1\",\"point\":\"h1/eth0\",\"connected\":true}]");
        JsonNode s1 = p.path("switches").get(0);
        assertThat(s1.path("name").asText()).isEqualTo("device:s1");
        assertThat(s1.path("reporter").asText()).isEqualTo("switch:device:s1");
        assertThat(s1.path("queries").path("port_scan").asText()).startsWith("slot 0");
        assertThat(s1.has("reports") && s1.has("malformed_reports") && s1.has("late_keys") && s1.has("epochs_read"))
                .isTrue();
        JsonNode total = p.path("reduction").path("total");
        assertThat(p.path("reduction").path("central_bytes_per_packet").asInt()).isEqualTo(15);
        assertThat(total.path("packets").asLong()).isEqualTo(2005);
        assertThat(total.path("bytes_crossing").asLong()).isEqualTo(57);
        assertThat(total.path("central_bytes").asLong()).isEqualTo(2005 * 15);
        assertThat(total.path("reduction").asDouble()).isEqualTo(1 - 57.0 / (2005 * 15));
        assertThat(p.path("reduction").path("queries").get(0).path("query").asText()).isEqualTo("port_scan");
    }

    @Test
    void theReductionIsNullBeforeAnyPacket() {
        JsonNode p = ask(TelemetryViewMessageHandler.TELEMETRY_REQ, JSON.createObjectNode()).path("payload");
        assertThat(p.path("queries").size()).isZero();
        assertThat(p.path("reduction").path("total").path("reduction").isNull()).isTrue();
    }

    @Test
    void resultsAreWhatTheResultChartTakes() throws IOException {
        // No device runs the pipeconf: the agents' partials alone make the windows.
        intstream.intStreamDevices.clear();
        DeployedQuery q = core.queries().submit(shipped("tcp_new_conn"), Map.of("threshold", "3", "window", "1s"), true);
        for (int w = 0; w < 3; w++) {
            core.onPartial(new PartialReport("h1", "tcp_new_conn", q.version(), w + 1, w * 1_000_000L,
                    (w + 1) * 1_000_000L, List.<Object[]>of(new Object[] {IpAddress.parse("10.0.0.2"), 5L + w}), true,
                    10, 600, 0, false, List.of()));
        }
        JsonNode m = ask(TelemetryViewMessageHandler.RESULTS_REQ,
                JSON.createObjectNode().put("query", "tcp_new_conn").put("limit", 2));
        assertThat(m.path("event").asText()).isEqualTo(TelemetryViewMessageHandler.RESULTS_RESP);
        JsonNode p = m.path("payload");
        assertThat(p.path("query").asText()).isEqualTo("tcp_new_conn");
        assertThat(p.path("columns").toString()).isEqualTo("[\"dst\",\"conns\"]");
        assertThat(p.path("windows").size()).as("the last two").isEqualTo(2);
        JsonNode w = p.path("windows").get(1);
        assertThat(w.path("window_start").asLong()).isEqualTo(2000);
        assertThat(w.path("window_end").asLong()).isEqualTo(3000);
        assertThat(w.path("coverage").asText()).isEqualTo("1/1");
        assertThat(w.path("partial").asBoolean()).isFalse();
        assertThat(w.path("reported").toString()).isEqualTo("[\"h1\"]");
        assertThat(w.path("approximate").asBoolean()).isFalse();
        assertThat(w.path("packets").asLong()).isEqualTo(10);
        assertThat(w.path("capture_drops").asLong()).isZero();
        assertThat(w.path("rows").toString()).isEqualTo("[{\"dst\":\"10.0.0.2\",\"conns\":7}]");
    }

    @Test
    void resultsOfAQueryThatDoesNotRunSayWhy() {
        JsonNode p = ask(TelemetryViewMessageHandler.RESULTS_REQ, JSON.createObjectNode().put("query", "gone"))
                .path("payload");
        assertThat(p.toString()).isEqualTo("{\"query\":\"gone\",\"error\":\"no query 'gone' runs\"}");
        p = ask(TelemetryViewMessageHandler.RESULTS_REQ, JSON.createObjectNode().put("query", "gone").put("limit", 0))
                .path("payload");
        assertThat(p.path("error").asText()).isEqualTo("limit must be a positive integer, not 0");
    }
}
