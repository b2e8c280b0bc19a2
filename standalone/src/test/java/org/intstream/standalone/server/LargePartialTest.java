package org.intstream.standalone.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.HostAddresses;
import org.intstream.agent.stream.PartialRows;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.agent.tree.TreeConfig;
import org.intstream.agent.tree.TreeNode;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.proto.agent.AgentMessage;
import org.intstream.proto.agent.AgentServiceGrpc;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Hello;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.Row;
import org.intstream.proto.agent.Value;
import org.intstream.query.type.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Partials past gRPC's default message size at the controller's agent port: one of several MiB is taken, and a
 * window an agent sent without its rows (its partial was larger than the largest message) is published partial,
 * with the agent's note saying why.
 */
class LargePartialTest {
    private static final long WINDOW_US = 5_000_000L;
    private static final int GRPC_DEFAULT_MAX = 4 * 1024 * 1024;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Long> acked = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private ControllerServer server;
    private ManagedChannel channel;
    private DeployedQuery query;

    @BeforeEach
    void start() throws Exception {
        server = ControllerServer.start(ControllerSettings.defaults().withToken("big").withGraceMillis(200),
                InetAddress.getLoopbackAddress(), 0, InetAddress.getLoopbackAddress(), 0, 50, log::add);
        query = server.core().queries().submit(Files.readString(Path.of("..", "queries", "tcp_new_conn.isq")),
                Map.of("threshold", "0"));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.agentPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    /** An agent's stream, by hand: its hello sent, the controller's acknowledgements and errors recorded. */
    private StreamObserver<AgentMessage> dial(String agent) {
        StreamObserver<AgentMessage> in = AgentServiceGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(ControllerMessage m) {
                if (m.hasAck()) {
                    acked.addAll(m.getAck().getSequencesList());
                }
            }

            @Override
            public void onError(Throwable t) {
                errors.add(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        in.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentId(agent).setAuthToken("big")
                .setObservationPoint(agent + "/eth0").setVersion(AgentStreamer.VERSION)).build());
        return in;
    }

    private Partial.Builder window(long sequence, long index) {
        return Partial.newBuilder().setSequence(sequence).setQuery("tcp_new_conn").setQueryVersion(query.version())
                .setWindowUs(WINDOW_US).setWindow(index).setPackets(1);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aPartialPastGrpcsDefaultLimitIsTaken() throws Exception {
        // tcp_new_conn's rows at an agent: a destination and its connection attempts; one per address of 10/8.
        Partial.Builder b = window(1, 1_000);
        for (int i = 0; b.getRowsCount() < 800_000; i++) {
            byte[] address = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            b.addRows(Row.newBuilder().addValues(Value.newBuilder().setIpValue(ByteString.copyFrom(address)))
                    .addValues(Value.newBuilder().setIntValue(1 + i % 1000)));
        }
        Partial big = b.build();
        assertThat(big.getSerializedSize()).isBetween(GRPC_DEFAULT_MAX + 1, AgentStreamer.MAX_MESSAGE_BYTES - 1);

        StreamObserver<AgentMessage> agent = dial("h1");
        agent.onNext(AgentMessage.newBuilder().setPartial(big).build());

        await("the acknowledgement", () -> acked.contains(1L) || !errors.isEmpty());
        assertThat(errors).isEmpty();
        assertThat(server.core().counters().get("tcp_new_conn").partialsAccepted()).isEqualTo(1);
        await("the window", () -> !server.core().results().windows("tcp_new_conn").isEmpty());
        assertThat(server.core().results().windows("tcp_new_conn").get(0).rows()).hasSize(800_000);
        agent.onCompleted();
    }

    @Test
    void aWindowAnAgentSentWithoutItsRowsIsPublishedPartialWithItsNote() throws Exception {
        int limit = 16 * 1024;
        try (AgentStreamer agent = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "h1", "big",
                "h1/eth0", Long.MIN_VALUE, 20, 200).withMaxMessageBytes(limit), () -> 0, log::add)) {
            assertThat(agent.awaitInstalled(1, 10_000)).isTrue();
            List<Object[]> rows = new ArrayList<>();
            for (long i = 0; i < 10_000; i++) {
                rows.add(new Object[] {IpAddress.v4(0x0a000000 + (int) i), 1 + i});
            }
            agent.sendUp(PartialRows.set(window(0, 2_000).clearSequence().setPackets(10_000), rows));
            agent.sendUp(PartialRows.set(window(0, 2_001).clearSequence().setPackets(1),
                    List.<Object[]>of(new Object[] {IpAddress.v4(0x0a000001), 1L})));

            assertThat(agent.awaitAllAcked(10_000)).isTrue();
            await("both windows", () -> server.core().results().windows("tcp_new_conn").size() == 2);
            List<MergedWindow> windows = server.core().results().windows("tcp_new_conn");
            MergedWindow cut = windows.get(0);
            assertThat(cut.start()).isEqualTo(2_000 * WINDOW_US);
            assertThat(cut.partial()).isTrue();
            assertThat(cut.coverage()).isEqualTo("0/1");
            assertThat(cut.rows()).isEmpty();
            assertThat(cut.packets()).isEqualTo(10_000);
            assertThat(cut.notes()).singleElement().asString().matches("h1: the window's partial \\(\\d+ bytes\\) "
                    + "is larger than the largest message upstream takes \\(16384 bytes\\): sent without its rows");
            MergedWindow next = windows.get(1);
            assertThat(next.partial()).isFalse();
            assertThat(next.notes()).isEmpty();
            assertThat(next.rows()).hasSize(1);
        }
    }

    @Test
    void aTreeParentTakesAChildsPartialPastGrpcsDefaultAndCutsItsMergeToWhatUpstreamTakes() throws Exception {
        int rootLimit = 1024 * 1024;
        try (TreeNode root = TreeNode.start(TreeConfig.plain("root", "big", InetAddress.getLoopbackAddress(), 0)
                        .withGraceMillis(200), log::add);
                AgentStreamer up = AgentStreamer.start(new StreamerConfig("127.0.0.1", server.agentPort(), "root",
                        "big", "h0/eth0", Long.MIN_VALUE, 20, 200).withMaxMessageBytes(rootLimit),
                        HostAddresses.EVERY, () -> 0, log::add, root)) {
            root.attach(up);
            assertThat(up.awaitInstalled(1, 10_000)).isTrue();
            try (AgentStreamer child = AgentStreamer.start(new StreamerConfig("127.0.0.1", root.port(), "c1", "big",
                    "h1/eth0", Long.MIN_VALUE, 20, 200), () -> 0, log::add)) {
                assertThat(child.awaitInstalled(1, 10_000)).isTrue();
                Partial.Builder b = window(0, 3_000).clearSequence().setPackets(500_000);
                for (int i = 0; i < 500_000; i++) {
                    byte[] address = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
                    b.addRows(Row.newBuilder().addValues(Value.newBuilder().setIpValue(ByteString.copyFrom(address)))
                            .addValues(Value.newBuilder().setIntValue(1 + i % 1000)));
                }
                assertThat(b.build().getSerializedSize()).isGreaterThan(GRPC_DEFAULT_MAX);
                child.sendUp(b);

                assertThat(child.awaitAllAcked(20_000)).as("the parent took it and its merge went up").isTrue();
                await("the window", () -> !server.core().results().windows("tcp_new_conn").isEmpty());
            }
            MergedWindow w = server.core().results().windows("tcp_new_conn").get(0);
            assertThat(w.partial()).isTrue();
            assertThat(w.rows()).as("the subtree's rows were past what the root may send").isEmpty();
            assertThat(w.packets()).isEqualTo(500_000);
            assertThat(w.notes()).anySatisfy(n -> assertThat(n).matches("root: the window's partial \\(\\d+ bytes\\) "
                    + "is larger than the largest message upstream takes \\(1048576 bytes\\): sent without its rows"));
        }
    }
}
