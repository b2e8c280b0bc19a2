package org.intstream.agent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.junit.jupiter.api.Test;

/**
 * The live path: an agent capturing the root end of a veth pair streams the SYNs it sends into a namespace,
 * per 1 s window, to a (fake) controller on loopback.
 */
class LiveStreamingNamespaceTest {
    private static final String SYNS = "query syns(window = 1s) packets "
            + "| filter ip.proto == 6 and tcp.flags.syn and not tcp.flags.ack | window tumbling window "
            + "| reduce count() as conns by ip.dst as dst, l4.dport as port";

    @Test
    void sentSynsArriveAsPartialsOfConsecutiveWindows() throws Exception {
        assumeTrue(OneNamespaceLab.available(), "needs root and ip netns");
        List<String> log = new CopyOnWriteArrayList<>();
        Install install = Install.newBuilder().setQuery("syns").setQueryVersion(1).setDsl(SYNS).build();
        try (OneNamespaceLab lab = OneNamespaceLab.create();
                FakeController controller = new FakeController("", install)) {
            long startedAt = LiveStreaming.nowMicros();
            StreamerConfig config = new StreamerConfig("127.0.0.1", controller.port(), "live", "", "root/" + lab.rootEnd,
                    startedAt, 20, 500);
            LiveStreaming[] capture = new LiveStreaming[1];
            try (AgentStreamer streamer = AgentStreamer.start(config,
                    () -> capture[0] == null ? 0 : capture[0].drops(), log::add)) {
                assertThat(streamer.awaitReady(10_000)).isTrue();
                capture[0] = new LiveStreaming(lab.rootEnd, direction -> "not (tcp port 1)", controller.port(), streamer, log::add);
                try (LiveStreaming live = capture[0]) {
                    Thread.sleep(300);
                    for (int i = 0; i < 3; i++) {
                        lab.knock(7001);
                    }
                    lab.knock(7002);
                    lab.knock(7002);
                    // The idle clock closes the last window 0.5 s after its end.
                    Thread.sleep(2_500);
                }
                long deadline = System.currentTimeMillis() + 5_000;
                while (streamer.unacknowledged() > 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
            }
            List<Partial> partials = controller.received();
            assertThat(partials.size()).as("windows while the test ran").isGreaterThanOrEqualTo(2);
            for (int i = 1; i < partials.size(); i++) {
                assertThat(partials.get(i).getWindow()).as("consecutive windows")
                        .isEqualTo(partials.get(i - 1).getWindow() + 1);
            }
            // The idle clock trails real time, so more than one window may begin before the agent started.
            assertThat(partials).allSatisfy(p -> assertThat(p.getIncomplete()).as("window %d", p.getWindow())
                    .isEqualTo(p.getWindow() * p.getWindowUs() < startedAt));
            assertThat(partials.get(partials.size() - 1).getIncomplete()).isFalse();
            Map<String, Long> syns = new TreeMap<>();
            for (Partial p : partials) {
                for (Object[] row : PartialRows.of(p)) {
                    syns.merge(row[0] + ":" + row[1], (Long) row[2], Long::sum);
                }
            }
            assertThat(syns).containsExactly(Map.entry(lab.insideAddress + ":7001", 3L),
                    Map.entry(lab.insideAddress + ":7002", 2L));
            assertThat(partials.stream().mapToLong(Partial::getCaptureDrops).sum()).isZero();
        }
    }
}
