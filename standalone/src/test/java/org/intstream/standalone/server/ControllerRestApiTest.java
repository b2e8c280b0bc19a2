package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.intstream.controller.merge.PartialReport;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controller's REST API on loopback, through the client the CLI uses and raw requests. */
class ControllerRestApiTest {
    private static final long T0 = 1_795_381_580_000_000L;
    private ControllerServer server;
    private ControllerClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = ControllerServer.start(ControllerSettings.defaults().withGraceMillis(0), InetAddress.getLoopbackAddress(),
                0, InetAddress.getLoopbackAddress(), 0, 100, line -> { });
        client = new ControllerClient("http://127.0.0.1:" + server.httpPort());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    private HttpResponse<String> raw(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String shipped(String name) throws IOException {
        return Files.readString(Path.of("..", "queries", name + ".isq"));
    }

    @Test
    void submitListRemove() throws Exception {
        JsonNode q = client.submit(shipped("tcp_new_conn"), Map.of("threshold", "3"));
        assertThat(q.path("name").asText()).isEqualTo("tcp_new_conn");
        // Observed by key (the controller's default): per destination at the receiver, threshold there.
        assertThat(q.path("mode").asText()).isEqualTo("point-local");
        assertThat(q.path("observation_point").asText()).isEqualTo("packet-at-receiver");
        assertThat(q.path("window_us").asLong()).isEqualTo(5_000_000L);
        assertThat(q.path("partial_columns").toString()).isEqualTo("[\"dst\",\"conns\"]");
        assertThat(q.path("allows_estimates").asBoolean()).as("an exact query, submitted without leave").isFalse();
        assertThat(client.submit(shipped("ddos"), Map.of(), true).path("allows_estimates").asBoolean()).isTrue();
        client.remove("ddos");
        assertThat(client.list()).extracting(n -> n.path("name").asText()).containsExactly("tcp_new_conn");
        assertThat(client.remove("tcp_new_conn").path("version").asLong()).isEqualTo(1);
        assertThat(client.list()).isEmpty();
        assertThatThrownBy(() -> client.remove("tcp_new_conn")).isInstanceOf(IOException.class)
                .hasMessage("controller: no query 'tcp_new_conn' runs");
    }

    @Test
    void badRequestsGetTheReason() throws Exception {
        assertThat(raw("POST", "/queries", "{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> noQuery = raw("POST", "/queries", "{\"text\": \"x\"}");
        assertThat(noQuery.statusCode()).isEqualTo(400);
        assertThat(noQuery.body()).contains("the body must be {\\\"query\\\": TEXT");
        HttpResponse<String> central = raw("POST", "/queries", "{\"query\": \"query q packets | filter len > 1\"}");
        assertThat(central.statusCode()).isEqualTo(400);
        assertThat(central.body()).contains("can't be split");
        assertThat(raw("POST", "/queries", "{\"query\": \"query q packets | window tumbling 1s | reduce count() as n\","
                + " \"params\": [1]}").body()).contains("params must be an object");
        HttpResponse<String> estimates = raw("POST", "/queries", "{\"query\": \"query q packets | window tumbling 1s "
                + "| reduce count() as n\", \"estimates\": \"yes\"}");
        assertThat(estimates.statusCode()).isEqualTo(400);
        assertThat(estimates.body()).contains("estimates must be true or false");
        assertThat(raw("PUT", "/queries", "{}").statusCode()).isEqualTo(405);
        assertThat(raw("GET", "/results/nope", null).statusCode()).isEqualTo(404);
        client.submit(shipped("ddos"), Map.of());
        assertThat(raw("GET", "/results/ddos?limit=0", null).statusCode()).isEqualTo(400);
    }

    @Test
    void resultsAndMetrics() throws Exception {
        client.submit(shipped("tcp_new_conn"), Map.of("threshold", "1"));
        IpAddress dst = IpAddress.parse("10.77.23.1");
        // An agent that reports without a stream: the core alone, with nobody else expected.
        server.core().onPartial(new PartialReport("h0", "tcp_new_conn", 1, 1, T0, T0 + 5_000_000, List.<Object[]>of(
                new Object[] {dst, 7L}), true, 7, 420, 2, false, List.of()));
        JsonNode r = client.results("tcp_new_conn", 5);
        assertThat(r.path("columns").toString()).isEqualTo("[\"dst\",\"conns\"]");
        JsonNode w = r.path("windows").get(0);
        assertThat(w.path("window_start").asLong()).isEqualTo(T0 / 1000);
        assertThat(w.path("coverage").asText()).isEqualTo("1/1");
        assertThat(w.path("partial").asBoolean()).isFalse();
        assertThat(w.path("capture_drops").asLong()).isEqualTo(2);
        assertThat(w.path("rows").get(0).path("dst").asText()).isEqualTo("10.77.23.1");
        assertThat(w.path("rows").get(0).path("conns").asLong()).isEqualTo(7);

        HttpResponse<String> m = raw("GET", "/metrics", null);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(m.body()).contains("intstream_queries 1\n", "intstream_agents_connected 0\n",
                "# TYPE intstream_query_windows_published_total counter\n",
                "intstream_query_windows_published_total{query=\"tcp_new_conn\"} 1\n",
                "intstream_query_partial_rows_total{query=\"tcp_new_conn\"} 1\n");
        assertThat(m.body()).as("no per-key labels").doesNotContain("10.77.23.1");
    }
}
