package org.intstream.agent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.intstream.agent.OwnTrafficFilter;
import org.intstream.agent.capture.CaptureDirection;
import org.intstream.agent.capture.CaptureOptions;
import org.intstream.agent.capture.LiveCaptureSource;
import org.intstream.agent.probe.AgentProbers;
import org.intstream.agent.probe.PingProber;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.probe.ProbeScheduler;
import org.intstream.engine.probe.ProbeTask;
import org.intstream.engine.probe.TcpConnectProber;
import org.intstream.query.plan.ProbeSpec;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.junit.jupiter.api.Test;

/**
 * Probe queries run by an agent's local stages and streamed as partials to a (fake) controller, against
 * namespaces whose paths have known properties ({@link ProbeLab}): a router delaying each packet by 10 ms
 * toward one (netem's job, done by a TUN delay line: this kernel has no netem), so every TCP and ICMP round
 * trip to it takes 20 ms and a little more; a 40 Mbit/s token bucket toward the other, which
 * the bandwidth probe must find; and an address nobody answers, which must come back as lost probes.
 *
 * <p>Tolerances: every round trip is at least the delay (ping prints three significant digits, so 0.1 ms
 * less may show); their mean is at most 10 ms more, and so are three in four of them (the delay line is a
 * Python process on a shared 2-core machine: it sometimes wakes late). The rate is what the token bucket lets
 * through on the wire; the receiver counts TCP payload, about 4% less, so within 15% of it.
 */
class ProbeQueryNamespaceTest {
    private static final int DELAY_MS = 20;
    private static final int RATE_MBIT = 40;
    /** A round trip this much longer than the delay is an outlier (a loaded machine); most must be below. */
    private static final int SLACK_MS = 10;
    private static final String RTT_REDUCE = "| window tumbling 1s | reduce count() as probes, "
            + "countif(probe.lost) as lost, count(probe.rtt_us) as answered, min(probe.rtt_us) as rtt_min, "
            + "sum(probe.rtt_us) as rtt_sum, countif(probe.rtt_us < " + (DELAY_MS + SLACK_MS) * 1000 + ") as near "
            + "by probe.target as target";

    @Test
    void rttOverTcpAndIcmpShowTheDelayBandwidthTheRateAndSilenceIsLoss() throws Exception {
        assumeTrue(OneNamespaceLab.available(), "needs root, ip netns, tc, socat, python3 and ping");
        try (ProbeLab lab = ProbeLab.create(DELAY_MS / 2, RATE_MBIT)) {
            String tcp = "query tcp_rtt probe rtt tcp to " + lab.addressA + ":" + ProbeLab.TCP_PORT + ", "
                    + lab.unanswered + ":" + ProbeLab.TCP_PORT + " every 250ms timeout 600ms " + RTT_REDUCE;
            String icmp = "query icmp_rtt probe rtt icmp to " + lab.addressA + ", " + lab.unanswered
                    + " every 250ms timeout 600ms " + RTT_REDUCE;
            String bandwidth = "query bw probe bandwidth to " + lab.addressB + ":" + ProbeLab.PROBE_PORT + ", "
                    + lab.unanswered + ":" + ProbeLab.PROBE_PORT + " every 1s bytes 2MB timeout 3s "
                    + "| window tumbling 1s | reduce count() as probes, countif(probe.lost) as lost, "
                    + "min(probe.bandwidth_bps) as bps_min, max(probe.bandwidth_bps) as bps_max, "
                    + "sum(probe.bytes) as bytes by probe.target as target";
            Map<String, Map<String, long[]>> results = run(Map.of("tcp_rtt", tcp, "icmp_rtt", icmp, "bw", bandwidth),
                    4_500);

            for (String query : List.of("tcp_rtt", "icmp_rtt")) {
                long[] answered = results.get(query).get(lab.addressA);
                assertThat(answered).as(query + " to " + lab.addressA).isNotNull();
                // probes, lost, answered, rtt_min, rtt_sum, near
                // 8 s of probing (4.5 s, then 3.5 s for the last bandwidth probes to answer)
                assertThat(answered[0]).as(query + " probes, one every 250 ms").isBetween(26L, 34L);
                assertThat(answered[1]).as(query + " lost").isZero();
                assertThat(answered[2]).as(query + " answered").isEqualTo(answered[0]);
                assertThat(answered[3]).as(query + " fastest round trip, us").isGreaterThanOrEqualTo(DELAY_MS * 1000 - 100);
                assertThat(answered[4] / answered[2]).as(query + " mean round trip, us")
                        .isBetween(DELAY_MS * 1000L - 100, DELAY_MS * 1000L + SLACK_MS * 1000L);
                assertThat(answered[5]).as(query + " round trips within " + SLACK_MS + " ms of the delay")
                        .isGreaterThanOrEqualTo(answered[2] * 3 / 4);

                long[] silent = results.get(query).get(lab.unanswered);
                assertThat(silent).as(query + " to " + lab.unanswered).isNotNull();
                assertThat(silent[0]).as(query + " probes to nobody").isPositive();
                assertThat(silent[1]).as(query + " all lost").isEqualTo(silent[0]);
                assertThat(silent[2]).as(query + " none answered").isZero();
            }

            long[] bw = results.get("bw").get(lab.addressB);
            assertThat(bw).as("bandwidth to " + lab.addressB).isNotNull();
            // probes, lost, bps_min, bps_max, bytes
            // One transfer at a time: each try toward nobody holds the others up for its 3 s connect timeout.
            assertThat(bw[0]).isGreaterThanOrEqualTo(2L);
            assertThat(bw[1]).isZero();
            assertThat(bw[4]).isEqualTo(bw[0] * 2_000_000);
            assertThat(bw[2]).as("slowest transfer, bit/s").isGreaterThan((long) (RATE_MBIT * 1e6 * 0.85));
            assertThat(bw[3]).as("fastest transfer, bit/s").isLessThan((long) (RATE_MBIT * 1e6 * 1.15));
            long[] nobody = results.get("bw").get(lab.unanswered);
            assertThat(nobody).as("bandwidth to nobody").isNotNull();
            assertThat(nobody[1]).isEqualTo(nobody[0]).isPositive();
        }
    }

    /**
     * The agent's capture filter leaves the probes out, both ways: TCP connects from the RTT source port and
     * ICMP echoes with the probes' identifiers pass unseen, while the same traffic from an ephemeral port, or
     * with another identifier, is captured.
     */
    @Test
    void theAgentsOwnProbesAreLeftOutOfItsCapture() throws Exception {
        assumeTrue(OneNamespaceLab.available(), "needs root, ip netns, tc, socat, python3 and ping");
        int apiPort = 8000;
        int probePort = ProbeLab.PROBE_PORT;
        try (ProbeLab lab = ProbeLab.create(1, RATE_MBIT)) {
            List<AtomicInteger> seen = new ArrayList<>();
            List<LiveCaptureSource> sources = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            try {
                for (CaptureDirection d : List.of(CaptureDirection.OUT, CaptureDirection.IN)) {
                    String filter = "(" + OwnTrafficFilter.forDirection(d, apiPort, probePort) + ") and (tcp or icmp)";
                    LiveCaptureSource source = new LiveCaptureSource(lab.rootM,
                            CaptureOptions.DEFAULTS.withDirection(d).withFilter(filter), new PointTable(), "root");
                    AtomicInteger count = new AtomicInteger();
                    Thread t = new Thread(() -> {
                        try {
                            source.run(frame -> count.incrementAndGet());
                        } catch (java.io.IOException e) {
                            // Stopped.
                        }
                    });
                    t.start();
                    sources.add(source);
                    seen.add(count);
                    threads.add(t);
                }
                Thread.sleep(300);
                ProbeTask tcp = new ProbeTask(ProbeSpec.Kind.RTT_TCP, lab.addressA, ProbeLab.TCP_PORT, 1_000_000,
                        500_000, 0);
                ProbeTask icmp = new ProbeTask(ProbeSpec.Kind.RTT_ICMP, lab.addressA, 0, 1_000_000, 500_000, 0);
                org.intstream.engine.probe.Probers own = AgentProbers.create("root", probePort);
                for (int i = 0; i < 3; i++) {
                    assertThat(own.forKind(ProbeSpec.Kind.RTT_TCP).probe(tcp).lost()).isFalse();
                    assertThat(own.forKind(ProbeSpec.Kind.RTT_ICMP).probe(icmp).lost()).isFalse();
                }
                Thread.sleep(300);
                assertThat(seen).as("probe frames captured (out, in)").extracting(AtomicInteger::get)
                        .containsExactly(0, 0);
                assertThat(new TcpConnectProber(0).probe(tcp).lost()).isFalse();
                assertThat(new PingProber("ping", 9, 1).probe(icmp).lost()).isFalse();
                Thread.sleep(300);
                // The handshake's SYN, ACK and RST out, its SYN-ACK in; an echo each way.
                assertThat(seen.get(0).get()).as("frames out of others").isGreaterThanOrEqualTo(4);
                assertThat(seen.get(1).get()).as("frames in of others").isGreaterThanOrEqualTo(2);
            } finally {
                sources.forEach(LiveCaptureSource::stop);
                for (Thread t : threads) {
                    t.join(5000);
                }
                sources.forEach(LiveCaptureSource::close);
            }
        }
    }

    /**
     * Runs each query at its own agent streamer (an in-process agent in the root namespace) for a while, with
     * the agent's idle clock ticking, and adds up the columns after the key per target over every partial.
     */
    private static Map<String, Map<String, long[]>> run(Map<String, String> queries, long millis) throws Exception {
        List<FakeController> controllers = new ArrayList<>();
        List<AgentStreamer> streamers = new ArrayList<>();
        List<String> log = new CopyOnWriteArrayList<>();
        Map<String, Map<String, long[]>> results = new TreeMap<>();
        try {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                FakeController c = new FakeController("", Install.newBuilder().setQuery(q.getKey()).setQueryVersion(1)
                        .setDsl(q.getValue()).build());
                controllers.add(c);
                StreamerConfig config = new StreamerConfig("127.0.0.1", c.port(), "prober-" + q.getKey(), "",
                        "root", ProbeScheduler.wallClockMicros(), 20, 500);
                AgentStreamer s = AgentStreamer.start(config, () -> 0, log::add);
                streamers.add(s);
            }
            for (AgentStreamer s : streamers) {
                assertThat(s.awaitReady(10_000)).as("installed: " + log).isTrue();
            }
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                for (AgentStreamer s : streamers) {
                    s.advanceTime(ProbeScheduler.wallClockMicros());
                }
                Thread.sleep(100);
            }
            // The bandwidth probes of the last second may still be sending: let them answer, then close.
            long settle = System.currentTimeMillis() + 3_500;
            while (System.currentTimeMillis() < settle) {
                for (AgentStreamer s : streamers) {
                    s.advanceTime(ProbeScheduler.wallClockMicros());
                }
                Thread.sleep(100);
            }
            for (AgentStreamer s : streamers) {
                s.finish();
                assertThat(s.awaitAllAcked(5_000)).isTrue();
            }
            int i = 0;
            for (String q : queries.keySet()) {
                Map<String, long[]> byTarget = new TreeMap<>();
                for (Partial p : controllers.get(i++).received()) {
                    for (Object[] row : PartialRows.of(p)) {
                        long[] sums = byTarget.computeIfAbsent(String.valueOf(row[0]), k -> new long[row.length - 1]);
                        merge(sums, row);
                    }
                }
                results.put(q, byTarget);
            }
            assertThat(log).noneMatch(l -> l.startsWith("can't run"));
            return results;
        } finally {
            for (AgentStreamer s : streamers) {
                s.close();
            }
            for (FakeController c : controllers) {
                c.close();
            }
        }
    }

    /** Counts and sums add up; the min and max columns (by position: see the queries) keep their extremes. */
    private static void merge(long[] sums, Object[] row) {
        for (int k = 1; k < row.length; k++) {
            if (row[k] == null) {
                continue;
            }
            long v = ((Number) row[k]).longValue();
            boolean min = row.length == 7 ? k == 4 : k == 3;
            boolean max = row.length != 7 && k == 4;
            if (min) {
                sums[k - 1] = sums[k - 1] == 0 ? v : Math.min(sums[k - 1], v);
            } else if (max) {
                sums[k - 1] = Math.max(sums[k - 1], v);
            } else {
                sums[k - 1] += v;
            }
        }
    }
}
