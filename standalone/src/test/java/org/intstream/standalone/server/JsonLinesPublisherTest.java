package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.agent.stream.TraceStreaming;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.standalone.run.QueryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every merged window becomes one JSON line with the same content the REST API gives; an existing file is
 * appended to; a failing output is logged once and does not stop the controller publishing.
 */
class JsonLinesPublisherTest {
    private static final Path TRACE = Path.of("..", "tests", "src", "test", "resources", "traces", "nmap-syn-fast.pcap");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyWindowIsOneLineAppendedToTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        List<String> log = new CopyOnWriteArrayList<>();
        try (ControllerServer server = ControllerServer.start(ControllerSettings.defaults().withGraceMillis(500),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, log::add);
                JsonLinesPublisher jsonl = JsonLinesPublisher.open(file.toString(), log::add)) {
            server.core().addResultListener(jsonl);
            server.core().queries().submit(QueryLoader.shippedText("port_scan"), Map.of("threshold", "20"));
            try (AgentStreamer agent = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h1", "",
                    "h1/trace", Long.MIN_VALUE, 20, 500), () -> 0, log::add)) {
                assertThat(agent.awaitInstalled(1, 10_000)).isTrue();
                TraceStreaming.replay(TRACE, agent);
                assertThat(agent.awaitAllAcked(10_000)).isTrue();
            }
            int windows = server.core().results().windows("port_scan").size();
            assertThat(windows).isPositive();
            assertThat(jsonl.written()).isEqualTo(windows);

            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(windows + 1);
            assertThat(lines.get(0)).isEqualTo("{\"earlier\":true}");
            List<JsonNode> scanners = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                JsonNode w = json.readTree(line);
                assertThat(w.path("query").asText()).isEqualTo("port_scan");
                assertThat(w.path("query_version").asLong()).isEqualTo(1);
                assertThat(w.path("coverage").asText()).isEqualTo("1/1");
                w.path("rows").forEach(scanners::add);
            }
            assertThat(scanners).hasSize(1);
            assertThat(scanners.get(0).path("src").asText()).isEqualTo("10.77.11.2");
            assertThat(scanners.get(0).path("ports").asLong()).isEqualTo(1000);
        }
    }

    @Test
    void aFailingOutputIsLoggedOnceAndCounted() throws IOException {
        List<String> log = new ArrayList<>();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        try (ControllerServer server = ControllerServer.start(ControllerSettings.defaults().withGraceMillis(0),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, line -> { })) {
            JsonLinesPublisher jsonl = JsonLinesPublisher.to(broken, log::add);
            server.core().addResultListener(jsonl);
            server.core().queries().submit(QueryLoader.shippedText("port_scan"), Map.of("threshold", "20"));
            try (AgentStreamer agent = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h1", "",
                    "h1/trace", Long.MIN_VALUE, 20, 500), () -> 0, line -> { })) {
                assertThat(agent.awaitInstalled(1, 10_000)).isTrue();
                TraceStreaming.replay(TRACE, agent);
                assertThat(agent.awaitAllAcked(10_000)).isTrue();
            }
            long windows = server.core().results().windows("port_scan").size();
            assertThat(windows).as("the results are still published").isPositive();
            assertThat(jsonl.failed()).isEqualTo(windows);
            assertThat(log).hasSize(1);
            assertThat(log.get(0)).startsWith("results jsonl: disk full");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
