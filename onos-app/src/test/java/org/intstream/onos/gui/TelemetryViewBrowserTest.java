package org.intstream.onos.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.intstream.controller.agent.AgentLink;
import org.intstream.controller.dataplane.CalibratedClock;
import org.intstream.controller.dataplane.ClockCalibration;
import org.intstream.controller.dataplane.ClockProbe;
import org.intstream.controller.dataplane.SlotHit;
import org.intstream.controller.dataplane.SwitchLink;
import org.intstream.controller.merge.PartialReport;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.onos.IntStreamRuntimeService;
import org.intstream.onos.query.WiredIntStreamManager;
import org.intstream.engine.switchtwin.EpochSketch;
import org.intstream.query.partition.SwitchStage;
import org.intstream.query.switchgen.SlotProgram;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;
import org.onlab.osgi.TestServiceDirectory;
import org.onosproject.ui.UiConnection;
import org.onosproject.ui.model.topo.UiTopoLayout;

/**
 * The view's script in headless Chromium (Debian's /usr/bin/chromium, driven by web/'s playwright-core) against
 * the real message handler over a loopback HTTP stand-in of ONOS's web socket: the page must show the query
 * with its placement, chart its windows with web/'s result chart, list the agent and the data reduction
 * (src/test/js/telemetry-view.e2e.mjs). Skipped, saying why, without Chromium, node or playwright-core.
 */
class TelemetryViewBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();
    private static final Path VIEW = Path.of("target", "classes", "app", "view", "intstreamTelemetry");
    private static final Path HARNESS = Path.of("src", "test", "resources", "gui-harness");

    @Test
    void theViewChartsAQuerysWindowsWithTheSharedResultChart() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "skipped: no Chromium at " + chromium);
        Path node = Path.of("/usr/bin/node");
        assumeTrue(Files.isExecutable(node), "skipped: no node at " + node);
        assumeTrue(Files.isDirectory(WEB.resolve("node_modules/playwright-core")),
                "skipped: no playwright-core in web/node_modules (cd web && npm run deps)");
        assertThat(VIEW.resolve("result-chart.js")).as("web/'s build copied by the pom").exists();

        WiredIntStreamManager intstream = new WiredIntStreamManager();
        intstream.intStreamDevices.clear(); // the agent's partials alone make the windows
        ControllerCore core = intstream.runtimeManager.core();
        intstream.submit(Files.readString(Path.of("..", "queries", "tcp_new_conn.isq")),
                Map.of("threshold", "3", "window", "1s"));
        DeployedQuery q = core.queries().get("tcp_new_conn");
        // A switch whose clock was measured (one probe of 16 answered, 900 us round trip) and that holds no query.
        CalibratedClock clock = new CalibratedClock(() -> 0L);
        clock.calibrated(ClockCalibration.of(List.of(new ClockProbe(1_000, 1_900, 5_000, 0)), 16));
        core.addSwitch(new SwitchLink() {
            @Override
            public String name() {
                return "lab-s1";
            }

            @Override
            public SlotProgram install(SwitchStage stage) {
                throw new IllegalStateException("this instance is not its master");
            }

            @Override
            public void remove(String query) {
            }

            @Override
            public EpochSketch readEpoch(String query, long epoch) {
                throw new IllegalStateException("this instance is not its master");
            }

            @Override
            public List<SlotHit> decode(byte[] reportPayload) {
                return List.of();
            }
        }, clock, 500);
        core.agentConnected("h1", "", "h1/eth0", new AgentLink() {
            @Override
            public void install(DeployedQuery query) {
            }

            @Override
            public void remove(String query) {
            }
        });
        for (int w = 0; w < 3; w++) {
            core.countCrossing("tcp_new_conn", 40);
            core.onPartial(new PartialReport("h1", "tcp_new_conn", q.version(), w + 1, w * 1_000_000L,
                    (w + 1) * 1_000_000L, List.<Object[]>of(new Object[] {IpAddress.parse("10.0.0.2"), 5L + w}), true,
                    10, 600, 0, false, List.of()));
        }

        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/view/", x -> file(x, VIEW, "/view/"));
        http.createContext("/harness/", x -> file(x, HARNESS, "/harness/"));
        http.createContext("/ws", x -> socket(x, intstream));
        http.createContext("/", x -> {
            if (x.getRequestURI().getPath().equals("/")) {
                send(x, 200, "text/html", Files.readAllBytes(HARNESS.resolve("index.html")));
            } else {
                send(x, 404, "text/plain", new byte[0]);
            }
        });
        http.start();
        try {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
            Path failure = Path.of("target", "telemetry-view-failed.png").toAbsolutePath();
            Process browser = new ProcessBuilder(node.toString(), Path.of("src", "test", "js",
                    "telemetry-view.e2e.mjs").toAbsolutePath().toString(), url, WEB.toString(), "--failure-screenshot",
                    failure.toString()).redirectErrorStream(true).start();
            boolean done = browser.waitFor(90, TimeUnit.SECONDS);
            String printed = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                browser.destroyForcibly();
            }
            assertThat(done).as("the browser script ended within 90 s; it printed:\n" + printed).isTrue();
            assertThat(browser.exitValue()).as("telemetry-view.e2e.mjs printed:\n" + printed).isZero();
        } finally {
            http.stop(0);
        }
    }

    private static void file(HttpExchange x, Path dir, String prefix) throws IOException {
        String name = x.getRequestURI().getPath().substring(prefix.length());
        Path f = dir.resolve(name).normalize();
        if (name.contains("/") || !f.startsWith(dir) || !Files.isRegularFile(f)) {
            send(x, 404, "text/plain", new byte[0]);
            return;
        }
        // As ONOS's view resource serves them.
        String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css"
                : name.endsWith(".html") ? "text/html" : "application/octet-stream";
        send(x, 200, type, Files.readAllBytes(f));
    }

    /** One web socket message in, the handler's replies out (as a JSON array). */
    private static void socket(HttpExchange x, WiredIntStreamManager intstream) throws IOException {
        ObjectNode message = (ObjectNode) JSON.readTree(x.getRequestBody());
        ArrayNode replies = JSON.createArrayNode();
        TelemetryViewMessageHandler handler = new TelemetryViewMessageHandler();
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
                return TelemetryUiComponent.VIEW_ID;
            }

            @Override
            public void setCurrentView(String viewId) {
            }

            @Override
            public void sendMessage(ObjectNode m) {
                replies.add(m);
            }

            @Override
            public void sendMessage(String type, ObjectNode payload) {
                ObjectNode m = replies.addObject();
                m.put("event", type);
                m.set("payload", payload);
            }
        }, new TestServiceDirectory().add(IntStreamRuntimeService.class, intstream.runtimeManager));
        handler.process(message);
        send(x, 200, "application/json", JSON.writeValueAsBytes(replies));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(body);
        }
    }
}
