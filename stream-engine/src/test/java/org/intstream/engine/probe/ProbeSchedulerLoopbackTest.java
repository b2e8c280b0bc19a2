package org.intstream.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.plan.ProbeSpec;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * A probe query run by an engine over real TCP connects on loopback: an open port answers with a round-trip
 * time, a closed one with a timed refusal, and every window closes only once its probes have answered.
 */
class ProbeSchedulerLoopbackTest {

    @Test
    void probesOfOpenAndClosedPortsReachTheWindowsOfTheQuery() throws Exception {
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServerSocket closing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int closedPort = closing.getLocalPort();
            closing.close();
            Engine engine = new Engine(FunctionRegistry.builtins());
            engine.register(DslParser.parseQuery("query rtt probe rtt tcp to 127.0.0.1:" + open.getLocalPort()
                    + ", 127.0.0.1:" + closedPort + " every 100ms | window tumbling 500ms | reduce count() as n, "
                    + "countif(probe.error is absent) as answered, max(probe.rtt_us) as rtt_max "
                    + "by probe.port as port, probe.origin as origin"), Map.of());
            List<WindowBatch> batches = new ArrayList<>();
            engine.addSink((info, batch) -> batches.add(batch));
            assertThat(engine.probes()).containsOnlyKeys("probe rtt tcp to 127.0.0.1:" + open.getLocalPort()
                    + ", 127.0.0.1:" + closedPort + " every 100ms");

            ProbeScheduler scheduler = new ProbeScheduler(engine.probes(), Probers.tcpOnly("here"),
                    FunctionRegistry.builtins(), ProbeScheduler::wallClockMicros);
            try {
                long end = System.currentTimeMillis() + 1800;
                while (System.currentTimeMillis() < end) {
                    scheduler.drainInto(engine);
                    Thread.sleep(20);
                }
            } finally {
                scheduler.stop(2000);
            }
            scheduler.drainInto(engine);
            // Windows closed by the probes' watermark alone (finish would close the last one too).
            List<WindowBatch> closedByWatermark = new ArrayList<>(batches);
            engine.finish();

            assertThat(closedByWatermark).hasSizeGreaterThanOrEqualTo(2);
            WindowBatch full = closedByWatermark.get(1); // the first may have begun before the probes did
            assertThat(full.end - full.start).isEqualTo(500_000);
            assertThat(full.rows).hasSize(2);
            for (Object[] row : full.rows) {
                assertThat(row[1]).isEqualTo("here");
                assertThat(row[2]).isEqualTo(5L); // a probe every 100 ms in 500 ms
                assertThat((Long) row[4]).isPositive().isLessThan(100_000L);
                boolean openPort = row[0].equals((long) open.getLocalPort());
                assertThat(row[3]).isEqualTo(openPort ? 5L : 0L);
            }
        }
    }

    @Test
    void aWindowWaitsForTheProbesSentInItSoNoAnswerComesLate() throws Exception {
        // Answers take 700 ms, longer than the 500 ms windows: closing on the clock alone would drop them.
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        Prober slow = task -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answered.incrementAndGet();
            return ProbeResult.rtt(IpAddress.parse(task.host()), 700_000);
        };
        Engine engine = new Engine(FunctionRegistry.builtins());
        engine.register(DslParser.parseQuery("query q probe rtt icmp to 10.0.0.1, 10.0.0.2 every 200ms "
                + "| window tumbling 500ms | reduce count() as n"), Map.of());
        List<WindowBatch> batches = new ArrayList<>();
        engine.addSink((info, batch) -> batches.add(batch));
        ProbeScheduler scheduler = new ProbeScheduler(engine.probes(),
                Probers.of("here", Map.of(ProbeSpec.Kind.RTT_ICMP, slow)), FunctionRegistry.builtins(),
                ProbeScheduler::wallClockMicros);
        try {
            long end = System.currentTimeMillis() + 2500;
            while (System.currentTimeMillis() < end) {
                scheduler.drainInto(engine);
                Thread.sleep(20);
            }
            assertThat(batches).as("windows closed while probing").isNotEmpty();
        } finally {
            scheduler.stop(2000);
        }
        scheduler.drainInto(engine);
        engine.finish();
        assertThat(engine.lateRecords()).isEmpty();
        assertThat(batches.stream().mapToLong(b -> b.rows.isEmpty() ? 0 : (Long) b.rows.get(0)[0]).sum())
                .isEqualTo(answered.get());
    }

    @Test
    void aKindWithoutAProberIsRefusedWhenTheProbesStart() {
        Engine engine = new Engine(FunctionRegistry.builtins());
        engine.register(DslParser.parseQuery("query q probe bandwidth to 10.0.0.2 every 1s"), Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProbeScheduler(engine.probes(),
                Probers.tcpOnly("here"), FunctionRegistry.builtins(), ProbeScheduler::wallClockMicros))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this host runs no 'probe bandwidth' (it runs [rtt tcp])");
    }

    @Test
    void aPrefixExpandsToItsHostAddresses() {
        ProbeSpec spec = ((org.intstream.query.plan.ScanNode) org.intstream.query.plan.PlanKinds.postOrder(
                DslParser.parseQuery("query q probe rtt icmp to 10.0.0.0/29, 10.0.1.7, h2 every 1s").plan()).get(0))
                .probe();
        List<ProbeTask> tasks = ProbeTasks.of(spec, FunctionRegistry.builtins());
        assertThat(tasks).extracting(ProbeTask::host).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3",
                "10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.1.7", "h2");
        assertThat(tasks.get(0).timeoutMicros()).isEqualTo(1_000_000);
        assertThat(tasks.get(0).port()).isZero();
    }

    @Test
    void anUnknownHostIsLostWithoutATarget() {
        ProbeResult r = new TcpConnectProber(0).probe(new ProbeTask(ProbeSpec.Kind.RTT_TCP, "no-such-host.invalid",
                22, 1_000_000, 200_000, 0));
        assertThat(r.lost()).isTrue();
        assertThat(r.target()).isNull();
        assertThat(r.error()).isEqualTo("unknown host 'no-such-host.invalid'");
        assertThat(IpAddress.parse("127.0.0.1")).isNotNull();
    }
}
