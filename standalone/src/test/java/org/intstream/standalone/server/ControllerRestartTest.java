package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.runtime.ControllerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries survive a controller restart: a controller with a state directory is stopped and a new one started
 * on the same ports and directory; it lists the same queries with the same versions, the agent that
 * reconnects gets them installed again, its partials are merged, and new submissions continue the versions.
 */
class ControllerRestartTest {
    private static final Path TRACES = Path.of("..", "tests", "src", "test", "resources", "traces");
    private static final Path QUERIES = Path.of("..", "queries");

    @TempDir
    Path state;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private ControllerServer server;
    private AgentStreamer agent;

    @AfterEach
    void stop() throws InterruptedException {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ControllerServer start(int agentPort, int httpPort) throws IOException {
        return ControllerServer.start(ControllerSettings.defaults().withToken("t").withGraceMillis(60_000),
                FileQueryStore.open(state), InetAddress.getLoopbackAddress(), agentPort,
                InetAddress.getLoopbackAddress(), httpPort, 50, log::add);
    }

    @Test
    void queriesSurviveARestartAndAreInstalledAgain() throws Exception {
        server = start(0, 0);
        int agentPort = server.agentPort();
        int httpPort = server.httpPort();
        agent = AgentStreamer.start(new StreamerConfig("127.0.0.1", agentPort, "h0", "t", "h0/eth0", Long.MIN_VALUE,
                20, 200), () -> 0, log::add);
        ControllerClient client = new ControllerClient("http://127.0.0.1:" + httpPort);
        client.submit(text("port_scan"), Map.of("threshold", "5"));
        client.submit(text("ddos"), Map.of());
        client.remove("ddos");
        await("port_scan installed alone", () -> agent.installed().equals(Map.of("port_scan", 1L)));
        assertThat(Files.readString(state.resolve(FileQueryStore.FILE_NAME))).contains("\"last_version\" : 2")
                .doesNotContain("ddos");

        server.close();
        server = null;
        server = start(agentPort, httpPort);

        JsonNode list = client.list();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("port_scan");
        assertThat(list.get(0).get("version").asLong()).isEqualTo(1);
        assertThat(list.get(0).get("params").get("threshold").asText()).isEqualTo("5");

        await("the agent back on the new controller", () -> agent.connections() >= 2
                && server.core().agents().links().size() == 1);
        assertThat(agent.awaitReady(10_000)).isTrue();
        assertThat(agent.installed()).isEqualTo(Map.of("port_scan", 1L));

        // The re-installed stage's partials carry version 1 and the new controller merges them.
        SplitCapture capture = new SplitCapture(TRACES.resolve("nmap-syn-fast.pcap"), 1);
        capture.frames.forEach(f -> agent.onFrame(f.raw()));
        agent.finish();
        await("every partial acknowledged", () -> {
            server.flushAcks();
            return agent.unacknowledged() == 0;
        });
        List<MergedWindow> windows = server.core().results().windows("port_scan");
        assertThat(windows).isNotEmpty();
        assertThat(windows).allSatisfy(w -> assertThat(w.queryVersion()).isEqualTo(1));
        assertThat(windows.stream().mapToInt(w -> w.rows().size()).sum()).as("the scanner found").isPositive();
        assertThat(server.core().counters().get("port_scan").partialsAccepted()).isPositive();

        // Versions continue after the highest ever given (ddos had 2).
        assertThat(client.submit(text("tcp_new_conn"), Map.of()).get("version").asLong()).isEqualTo(3);
    }

    @Test
    void aDamagedStateFileStopsTheStartWithItsName() throws Exception {
        Files.writeString(state.resolve(FileQueryStore.FILE_NAME), "{\"format\": 1, \"queries\": [");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(0, 0))
                .hasMessageContaining(state.resolve(FileQueryStore.FILE_NAME).toString()).hasMessageContaining("not JSON");
    }

    private static String text(String query) throws IOException {
        return Files.readString(QUERIES.resolve(query + ".isq"));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
