package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.engine.probe.ProbeScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A probe query submitted to a controller runs at every agent (two in-process agents over gRPC on loopback,
 * probing a loopback port): each probes from its host, reduces its rows per window, and the controller merges
 * the windows of both, the average from their sums and counts.
 */
class ProbeQueryRuntimeTest {
    private static final int AGENTS = 2;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AgentStreamer[] agents = new AgentStreamer[AGENTS];
    private ControllerServer server;

    @AfterEach
    void stop() throws InterruptedException {
        for (AgentStreamer a : agents) {
            if (a != null) {
                a.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyAgentProbesAndTheControllerMergesTheirWindows() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket open = new ServerSocket(0, 200, loopback)) {
            server = ControllerServer.start(ControllerSettings.defaults().withToken("proof").withGraceMillis(60_000),
                    loopback, 0, loopback, 0, 50, log::add);
            for (int i = 0; i < AGENTS; i++) {
                agents[i] = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h" + i, "proof",
                        "h" + i + "/lo", Long.MIN_VALUE, 20, 500), () -> 0, log::add);
            }
            await("two agents", () -> server.core().agents().links().size() == AGENTS);
            new ControllerClient("http://127.0.0.1:" + server.httpPort()).submit("query paths probe rtt tcp to "
                    + "127.0.0.1:" + open.getLocalPort() + " every 100ms | window tumbling 1s | reduce count() as samples, "
                    + "avg(probe.rtt_us) as rtt, countif(probe.lost) as lost, any(probe.error) as why by probe.target as target", Map.of());
            for (AgentStreamer a : agents) {
                assertThat(a.awaitInstalled(1, 10_000)).as("installed: " + log).isTrue();
            }
            long end = System.currentTimeMillis() + 3_500;
            while (System.currentTimeMillis() < end) {
                for (AgentStreamer a : agents) {
                    a.advanceTime(ProbeScheduler.wallClockMicros());
                }
                Thread.sleep(100);
            }
            for (AgentStreamer a : agents) {
                a.finish();
            }
            for (AgentStreamer a : agents) {
                await("every partial acknowledged", () -> {
                    server.flushAcks();
                    return a.unacknowledged() == 0;
                });
            }
        }
        List<MergedWindow> windows = new ArrayList<>(server.core().results().windows("paths"));
        assertThat(windows).as("windows: " + log).hasSizeGreaterThanOrEqualTo(3);
        long full = 0;
        for (MergedWindow w : windows) {
            assertThat(w.coverage()).as("window %d", w.start()).isEqualTo(AGENTS + "/" + AGENTS);
            for (Object[] row : w.rows()) {
                // target, samples, rtt, lost: at most a probe per 100 ms from each agent
                assertThat(row[0]).hasToString("127.0.0.1");
                assertThat((Long) row[1]).isBetween(1L, 10L * AGENTS);
                assertThat((Double) row[2]).isPositive().isLessThan(100_000.0);
                assertThat(row[3]).as("lost, one for " + row[4]).isEqualTo(0L);
                full += (Long) row[1] == 10L * AGENTS ? 1 : 0;
            }
        }
        assertThat(full).as("windows with every probe of both agents").isPositive();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
