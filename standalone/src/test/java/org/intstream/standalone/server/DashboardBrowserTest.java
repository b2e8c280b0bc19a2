package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.softswitch.Softswitch;
import org.intstream.standalone.cli.SwitchOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The web dashboard in headless Chromium against a real controller: an agent in this JVM replays the demo
 * capture at eight times its pace once the page has submitted its query, so windows close while the page
 * watches. A soft switch is programmed too (its clock follows the replay; no traffic enters it, so the agent
 * alone observes every packet and the switch reports empty epochs), so the page shows a switch and slots. {@code web/test/dashboard.e2e.mjs} drives the page (Playwright on Debian's Chromium) and exits
 * non-zero with the step that failed. Skipped, saying why, without Chromium, node or web/node_modules.
 *
 * <pre>
 *   mvn -o -pl standalone test -Dtest=DashboardBrowserTest [-Ddashboard.screenshot=docs/dashboard.png]
 * </pre>
 */
class DashboardBrowserTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path WEB = REPO.resolve("web");
    private static final Path CAPTURE = REPO.resolve("queries/demo/demo.pcap");
    /** Runs before the page opens; the page must show it. */
    private static final String RUNNING = "syn_flood";
    /** The agent's replay starts once this many queries are installed: RUNNING and the page's. */
    private static final int QUERIES_BEFORE_REPLAY = 2;
    private static final int SPEEDUP = 8;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private ControllerServer server;
    private Softswitch softswitch;
    private AgentStreamer agent;
    private Thread replay;

    @AfterEach
    void stop() throws InterruptedException, IOException {
        if (replay != null) {
            replay.interrupt();
            replay.join(5_000);
        }
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
        if (softswitch != null) {
            softswitch.close();
        }
    }

    @Test
    void pageShowsQueriesAgentsReductionAndSubmitsChartsRemovesQueries() throws Exception {
        Path chromium = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), "skipped: no Chromium at " + chromium
                + " (apt-get install chromium, or -Ddashboard.chromium=PATH)");
        Path node = onPath("node");
        assumeTrue(node != null, "skipped: no node on the PATH");
        assumeTrue(Files.isDirectory(WEB.resolve("node_modules/playwright-core")),
                "skipped: web/node_modules has no playwright-core (cd web && npm ci)");
        assertThat(DashboardAssets.built()).as("the dashboard is built into the classes (the web-build execution "
                + "of generate-resources; not with -Ddashboard.skip)").isTrue();

        server = ControllerServer.start(ControllerSettings.defaults().withToken("dash").withGraceMillis(1000),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 100, log::add);
        String url = "http://127.0.0.1:" + server.httpPort();
        AtomicLong switchClock = new AtomicLong(firstTimestamp(CAPTURE));
        addSoftswitch(switchClock);
        new ControllerClient(url).submit(Files.readString(REPO.resolve("queries/" + RUNNING + ".isq")),
                Map.of());
        agent = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h1", "dash",
                "h1/demo.pcap", Long.MIN_VALUE, 20, 500), () -> 0, log::add);
        AtomicReference<Throwable> replayFailure = new AtomicReference<>();
        replay = new Thread(() -> {
            try {
                if (agent.awaitInstalled(QUERIES_BEFORE_REPLAY, 120_000)) {
                    pacedReplay(agent, switchClock, CAPTURE, SPEEDUP);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                replayFailure.set(e);
            }
        }, "dashboard-replay");
        replay.setDaemon(true);
        replay.start();

        List<String> command = new ArrayList<>(List.of(node.toString(), "test/dashboard.e2e.mjs", url,
                "--running", RUNNING, "--failure-screenshot", Path.of("target", "dashboard-failed.png")
                        .toAbsolutePath().toString()));
        String screenshot = System.getProperty("dashboard.screenshot");
        if (screenshot != null && !screenshot.isBlank()) {
            command.add("--screenshot");
            command.add(REPO.resolve(screenshot).toString());
        }
        Path output = Path.of("target", "dashboard-e2e.log").toAbsolutePath();
        Files.createDirectories(output.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(WEB.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().put("CHROMIUM", chromium.toString());
        Process browser = pb.start();
        boolean ended = browser.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as("the browser test ended within 180 s; it printed:\n" + printed + controllerLog()).isTrue();
        assertThat(browser.exitValue()).as("node test/dashboard.e2e.mjs printed:\n" + printed + controllerLog())
                .isZero();
        assertThat(replayFailure.get()).as("the agent's replay").isNull();
        assertThat(server.core().queries().list()).as("the page removed its query; the first one still runs")
                .extracting(q -> q.name()).containsExactly(RUNNING);
        assertThat(server.core().results().windows(RUNNING)).as("windows of the query that ran throughout")
                .isNotEmpty();
    }

    /** A soft switch in this JVM, added as the controller's --switch s1 with edge port 1 and the given clock. */
    private void addSoftswitch(AtomicLong clock) throws IOException {
        Softswitch.Options o = new Softswitch.Options();
        o.grpcPort = 0;
        softswitch = Softswitch.start(o);
        SwitchOptions options = new SwitchOptions();
        new CommandLine(options).parseArgs("--switch", "s1=127.0.0.1:" + softswitch.grpcPort() + "@1",
                "--switch-edge", "s1=1");
        server.addSwitch(options.specs().get(0), clock::get, 0);
    }

    private static long firstTimestamp(Path capture) throws IOException {
        try (TraceReader reader = TraceReaders.open(capture)) {
            RawFrame f = new RawFrame();
            assertThat(reader.next(f)).as(capture + " has a frame").isTrue();
            return f.tsMicros;
        }
    }

    /**
     * Feeds the capture to the agent with its packets' spacing divided by {@code speedup}, and moves the
     * switch's clock along.
     */
    private static void pacedReplay(AgentStreamer agent, AtomicLong switchClock, Path capture, int speedup)
            throws IOException, InterruptedException {
        long wallStart = System.nanoTime();
        long first = Long.MIN_VALUE;
        try (TraceReader reader = TraceReaders.open(capture)) {
            RawFrame f = new RawFrame();
            while (reader.next(f)) {
                if (first == Long.MIN_VALUE) {
                    first = f.tsMicros;
                }
                long dueNanos = (f.tsMicros - first) * 1000 / speedup;
                long aheadMillis = (dueNanos - (System.nanoTime() - wallStart)) / 1_000_000;
                if (aheadMillis > 2) {
                    Thread.sleep(aheadMillis);
                }
                agent.onFrame(f);
                agent.advanceTime(f.tsMicros);
                switchClock.set(f.tsMicros);
            }
        } finally {
            agent.finish();
            // The switch's last epoch ends too, so its read does not hold back the last window.
            switchClock.addAndGet(60_000_000L);
        }
    }

    private String controllerLog() {
        return "\ncontroller log:\n" + String.join("\n", log);
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
