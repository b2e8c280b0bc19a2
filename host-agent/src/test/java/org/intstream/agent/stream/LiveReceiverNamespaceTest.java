package org.intstream.agent.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.intstream.agent.testing.Commands;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.junit.jupiter.api.Test;

/**
 * The receiving side live: the root namespace is the destination host, its agent captures the root end of a
 * veth pair and runs tcp_new_conn observed by key (at the receiver). SYNs another namespace sends to it are
 * counted; the SYNs the root namespace itself sends out are not (they belong to their destination's agent).
 */
class LiveReceiverNamespaceTest {

    @Test
    void aDestinationsAgentCountsTheSynsItReceivesAndNotThoseItSends() throws Exception {
        assumeTrue(OneNamespaceLab.available(), "needs root and ip netns");
        List<String> log = new CopyOnWriteArrayList<>();
        String text = Files.readString(Path.of("..", "queries", "tcp_new_conn.isq"));
        Install install = Install.newBuilder().setQuery("tcp_new_conn").setQueryVersion(1).setDsl(text)
                .putParameters("threshold", "0").putParameters("window", "1s")
                .setSides("BY_KEY").setObservationPoint("PACKET_AT_RECEIVER").build();
        try (OneNamespaceLab lab = OneNamespaceLab.create();
                FakeController controller = new FakeController("", install)) {
            StreamerConfig config = new StreamerConfig("127.0.0.1", controller.port(), "dst", "", "root/" + lab.rootEnd,
                    LiveStreaming.nowMicros(), 20, 500);
            LiveStreaming[] capture = new LiveStreaming[1];
            try (AgentStreamer streamer = AgentStreamer.start(config,
                    () -> capture[0] == null ? 0 : capture[0].drops(), log::add)) {
                assertThat(streamer.awaitReady(10_000)).isTrue();
                assertThat(log).anyMatch(l -> l.contains("at PACKET_AT_RECEIVER"));
                capture[0] = new LiveStreaming(lab.rootEnd, direction -> "not (tcp port 1)", controller.port(),
                        streamer, log::add);
                try (LiveStreaming live = capture[0]) {
                    Thread.sleep(300);
                    for (int i = 0; i < 3; i++) {
                        // nc fails on the refused port: the SYN went, a RST came back.
                        Commands.runStatus(10, Commands.inNamespace(lab.namespace, "nc", "-z", "-w", "1",
                                lab.rootAddress, "7001"));
                    }
                    for (int i = 0; i < 2; i++) {
                        lab.knock(7002);
                    }
                    // The idle clock closes the last window 0.5 s after its end.
                    Thread.sleep(2_500);
                }
                long deadline = System.currentTimeMillis() + 5_000;
                while (streamer.unacknowledged() > 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
            }
            Map<String, Long> conns = new TreeMap<>();
            for (Partial p : controller.received()) {
                for (Object[] row : PartialRows.of(p)) {
                    conns.merge(String.valueOf(row[0]), (Long) row[1], Long::sum);
                }
            }
            assertThat(conns).as("SYNs received by this host, none of those it sent")
                    .containsExactly(Map.entry(lab.rootAddress, 3L));
            assertThat(controller.received()).extracting(Partial::getCaptureDrops).containsOnly(0L);
        }
    }
}
