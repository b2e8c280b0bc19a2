package org.intstream.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.intstream.agent.measure.CounterSettings;
import org.intstream.agent.measure.SketchTable;
import org.intstream.agent.probe.BandwidthProbe;
import org.intstream.agent.probe.BandwidthProbeListener;
import org.intstream.agent.probe.ProbeLimits;
import org.junit.jupiter.api.Test;

/** The API over HTTP on loopback: the allow-list, methods, paths, sizes, and a bandwidth query. */
class MeasurementApiServerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private MeasurementApiServer server(ClientAllowList allow, int probePort) throws Exception {
        SketchTable table = new SketchTable(CounterSettings.DEFAULTS, () -> 0L);
        MeasurementApi api = new MeasurementApi(table, new BandwidthProbe(probePort, new ProbeLimits(4 << 20, 1000)),
                InetAddress::isLoopbackAddress, log::add);
        return new MeasurementApiServer(LOOPBACK, 0, allow, api, log::add);
    }

    private HttpResponse<String> send(MeasurementApiServer server, String method, String path, String contentType,
            String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                + path)).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> form(MeasurementApiServer server, String body) throws Exception {
        return send(server, "POST", "/", "application/x-www-form-urlencoded", body);
    }

    @Test
    void clientsOffTheAllowListGet403() throws Exception {
        try (MeasurementApiServer server = server(ClientAllowList.parse("10.0.0.0/8"), 1)) {
            HttpResponse<String> response = form(server, "type=config+sketch&interface=INPUT");
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).startsWith("client 127.0.0.1 is not on this agent's allow-list");
        }
        assertThat(log).anyMatch(line -> line.startsWith("refused an API request from 127.0.0.1"));
    }

    @Test
    void onlyPostToTheRootWithAFormOrJsonBodyUpTo64KiB() throws Exception {
        try (MeasurementApiServer server = server(ClientAllowList.LOOPBACK, 1)) {
            HttpResponse<String> get = send(server, "GET", "/", null, "");
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");
            assertThat(send(server, "POST", "/sketches", null, "type=x").statusCode()).isEqualTo(404);
            assertThat(send(server, "POST", "/", "text/plain", "type=x").statusCode()).isEqualTo(415);
            assertThat(form(server, "type=x&pad=" + "a".repeat(70_000)).statusCode()).isEqualTo(413);
            assertThat(form(server, "").body()).startsWith("empty message");

            HttpResponse<String> created = form(server, "type=config+sketch&interface=INPUT&proto=tcp");
            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(created.body()).isEqualTo("1");
            HttpResponse<String> json = send(server, "POST", "/", "application/json",
                    "{\"type\": \"config sketch counter\", \"sketch_id\": 1, \"counter_key_type\": \"src_dport\", "
                            + "\"increment\": \"bytes\"}");
            assertThat(json.body()).isEqualTo("OK");
            HttpResponse<String> hitters = form(server, "type=query+heavy+hitters&sketch_id=1&counter_key_type=src_dport");
            assertThat(hitters.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(hitters.headers().firstValue("X-IntStream-Total")).hasValue("0");
        }
    }

    @Test
    void bandwidthQueriesProbeThePeerAndAnswerInMegabytesPerSecond() throws Exception {
        ProbeLimits limits = new ProbeLimits(4 << 20, 1000);
        try (BandwidthProbeListener peer = new BandwidthProbeListener(LOOPBACK, 0, a -> true, limits, log::add);
                MeasurementApiServer server = server(ClientAllowList.LOOPBACK, peer.port())) {
            HttpResponse<String> response = form(server, "type=query+bw&src=127.0.0.1&dst=127.0.0.1");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).matches("[0-9]+\\.[0-9]{2}");
            assertThat(Double.parseDouble(response.body())).isPositive();
            assertThat(response.headers().firstValue("X-IntStream-Probe-Bytes")).hasValue(Integer.toString(4 << 20));
        }
        try (MeasurementApiServer server = server(ClientAllowList.LOOPBACK, 1)) {
            HttpResponse<String> unreachable = form(server, "type=query+bw&src=127.0.0.1&dst=127.0.0.1");
            assertThat(unreachable.statusCode()).isEqualTo(502);
            assertThat(unreachable.body()).startsWith("cannot reach the probe listener of the agent at 127.0.0.1:1");
        }
    }
}
