package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** What the dashboard reads besides the REST API's original answers: its files, placement, positions, reduction. */
class DashboardRoutesTest {
    private static final long T0 = 1_795_381_580_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void rootLeadsToThePageAndItsFilesAreServed() throws Exception {
        assumeTrue(DashboardAssets.built(), "skipped: this build has no dashboard (-Ddashboard.skip)");
        HttpResponse<String> root = raw("GET", "/", null);
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/dashboard/");
        HttpResponse<String> page = raw("GET", "/dashboard/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<title>IntStream controller</title>", "src=\"dashboard.js\"");
        HttpResponse<String> script = raw("GET", "/dashboard/dashboard.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(raw("GET", "/dashboard/result-chart.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void nothingOutsideTheBuiltFolderIsServed() throws Exception {
        HttpResponse<String> up = raw("GET", "/dashboard/%2e%2e/simplelogger.properties", null);
        assertThat(up.statusCode()).isEqualTo(404);
        assertThat(raw("GET", "/dashboard/missing.js", null).statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = raw("GET", "/nope", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).startsWith("no such resource: /nope");
        assertThat(raw("POST", "/dashboard/", "x").statusCode()).isEqualTo(405);
    }

    @Test
    void aRefusedQueryGivesItsLineAndColumn() throws Exception {
        HttpResponse<String> r = raw("POST", "/queries", JSON.writeValueAsString(Map.of("query",
                "query bad\n  packets\n  | filter ip.nosuch == 1\n  | window tumbling 5s\n  | reduce count() as n")));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body());
        assertThat(error.path("line").asInt()).isEqualTo(3);
        assertThat(error.path("column").asInt()).isEqualTo(12);
        assertThat(error.path("error").asText()).startsWith("line 3, column 12: ").contains("ip.nosuch");
        HttpResponse<String> central = raw("POST", "/queries", "{\"query\": \"query q packets | filter len > 1\"}");
        assertThat(JSON.readTree(central.body()).has("line")).as("no position when the reason has none").isFalse();
    }

    @Test
    void aQueryShowsItsPlacement() throws Exception {
        JsonNode onSwitch = client.submit(shipped("tcp_new_conn"), Map.of());
        assertThat(onSwitch.path("explain").asText()).contains("distributed plan of tcp_new_conn: point-local",
                "local stage (every point)", "global stage (controller");
        assertThat(onSwitch.path("switch_stage").asText()).contains("count    packets by (ip.dst)", "report   count > 40");
        JsonNode hostsOnly = client.submit(shipped("slowloris"), Map.of());
        assertThat(hostsOnly.path("switch_stage").asText()).startsWith("none; the hosts run all of it: ");
    }

    @Test
    void reductionComparesBytesCrossingWithACentralCollector() throws Exception {
        assertThat(JSON.readTree(raw("GET", "/reduction", null).body()).path("total").path("reduction").isNull())
                .as("nothing observed yet").isTrue();
        client.submit(shipped("tcp_new_conn"), Map.of("threshold", "1"));
        server.core().countCrossing("tcp_new_conn", 300);
        server.core().onPartial(new PartialReport("h0", "tcp_new_conn", 1, 1, T0, T0 + 5_000_000, List.<Object[]>of(
                new Object[] {IpAddress.parse("10.77.23.1"), 7L}), true, 100, 6400, 0, false, List.of()));
        JsonNode r = JSON.readTree(raw("GET", "/reduction", null).body());
        assertThat(r.path("central_bytes_per_packet").asInt()).isEqualTo(15);
        JsonNode q = r.path("queries").get(0);
        assertThat(q.path("query").asText()).isEqualTo("tcp_new_conn");
        assertThat(q.path("packets").asLong()).isEqualTo(100);
        assertThat(q.path("bytes").asLong()).isEqualTo(6400);
        assertThat(q.path("bytes_crossing").asLong()).isEqualTo(300);
        assertThat(q.path("central_bytes").asLong()).isEqualTo(1500);
        assertThat(q.path("reduction").asDouble()).isEqualTo(0.8);
        assertThat(r.path("total").path("bytes_crossing").asLong()).isEqualTo(300);
        assertThat(raw("POST", "/reduction", "{}").statusCode()).isEqualTo(405);
    }
}
