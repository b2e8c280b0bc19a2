package org.intstream.onos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.onos.AgentEndpointService;
import org.intstream.onos.cli.CommandOutput;
import org.intstream.onos.cli.IntStreamAgentsCommand;
import org.intstream.onos.query.WiredIntStreamManager;
import org.intstream.proto.agent.AgentMessage;
import org.intstream.proto.agent.AgentServiceGrpc;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Hello;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.Row;
import org.intstream.proto.agent.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onosproject.cfg.ComponentConfigAdapter;

/**
 * An agent dials the endpoint over loopback with the stubs generated for ONOS's gRPC, says hello, gets the
 * running query installed, streams a partial, is acknowledged, and its rows become the query's window in the
 * controller core; the CLI lists it while it is connected.
 */
class AgentEndpointManagerTest {
    private static final int DST = 0x0A000002;

    private final WiredIntStreamManager intstream = new WiredIntStreamManager();
    private final AgentEndpointManager endpoint = new AgentEndpointManager();
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private ManagedChannel channel;

    private void start(Map<String, Object> properties) {
        endpoint.runtime = intstream.runtimeManager;
        endpoint.cfgService = new ComponentConfigAdapter();
        endpoint.activate(properties);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        endpoint.deactivate();
    }

    private static String shipped(String name) throws IOException {
        return Files.readString(Path.of("..", "queries", name + ".isq"));
    }

    /** Opens an agent's stream; what the controller sends (messages, then the end) lands in {@link #received}. */
    private StreamObserver<AgentMessage> dial() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoint.port()).usePlaintext().build();
        return AgentServiceGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(ControllerMessage m) {
                received.add(m);
            }

            @Override
            public void onError(Throwable t) {
                received.add(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                received.add("completed");
            }
        });
    }

    private Object next() throws InterruptedException {
        Object m = received.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a message from the controller within 10 s").isNotNull();
        return m;
    }

    private static AgentMessage hello(String id, String token) {
        return AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentId(id).setAuthToken(token)
                .setObservationPoint(id + "/eth0").setVersion("test")).build();
    }

    @Test
    void anAgentsPartialsBecomeTheQuerysWindows() throws Exception {
        start(Map.of(OsgiPropertyConstants.AGENT_PORT, 0, OsgiPropertyConstants.AGENT_ADDRESS, "127.0.0.1",
                OsgiPropertyConstants.ACK_INTERVAL_MILLIS, 20));
        assertThat(endpoint.port()).isPositive();
        DeployedQuery q = intstream.runtimeManager.core().queries().submit(shipped("tcp_new_conn"),
                Map.of("threshold", "3", "window", "1s"), true);

        StreamObserver<AgentMessage> agent = dial();
        agent.onNext(hello("h1", ""));
        ControllerMessage install = (ControllerMessage) next();
        assertThat(install.getInstall().getQuery()).isEqualTo("tcp_new_conn");
        assertThat(install.getInstall().getQueryVersion()).isEqualTo(q.version());
        assertThat(install.getInstall().getParametersMap()).containsEntry("threshold", "3");
        assertThat(((ControllerMessage) next()).hasWelcome()).isTrue();
        assertThat(intstream.agents()).extracting(a -> a.id() + " " + a.point() + " " + a.connected())
                .containsExactly("h1 h1/eth0 true");
        var command = new IntStreamAgentsCommand() {
            @Override
            public <T> T getService(Class<T> type) {
                return type == AgentEndpointService.class ? type.cast(endpoint) : type.cast(intstream);
            }

            void run() {
                doExecute();
            }
        };
        assertThat(CommandOutput.of(command::run).out).startsWith("id=h1, point=h1/eth0, state=connected")
                .endsWith("\nagents' endpoint: port " + endpoint.port() + ", plain TCP\n");

        // The local stage's rows for window [0, 1 s): the destination and its connection count.
        Row row = Row.newBuilder()
                .addValues(Value.newBuilder().setIpValue(ByteString.copyFrom(new byte[] {10, 0, 0, 2})))
                .addValues(Value.newBuilder().setIntValue(5)).build();
        // The stream's first partial: its sequence, the query's name and window length, the window's index.
        agent.onNext(AgentMessage.newBuilder().setPartial(Partial.newBuilder().setSequence(1).setQuery(q.name())
                .setQueryVersion(q.version()).setWindowUs(1_000_000).setWindow(0).addRows(row)
                .setPackets(5).setBytes(300)).build());
        ControllerMessage ack = (ControllerMessage) next();
        assertThat(ack.getAck().getSequencesList()).containsExactly(1L);

        // The window also waits for the two switches' epoch reads (their counters are empty here).
        assertThat(intstream.runtimeManager.core().results().windows("tcp_new_conn")).isEmpty();
        intstream.runtimeManager.nowMillis.set(1000 + org.intstream.onos.runtime.OsgiPropertyConstants
                .READ_DELAY_MILLIS_DEFAULT);
        intstream.runtimeManager.tick();
        List<MergedWindow> windows = intstream.runtimeManager.core().results().windows("tcp_new_conn");
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).rows().stream().map(r -> r[0] + "=" + r[1]).collect(Collectors.toList()))
                .containsExactly("10.0.0.2=5");
        assertThat(windows.get(0).reported()).contains("h1");
        assertThat(windows.get(0).expected()).containsExactly("h1", "switch:device:s1", "switch:device:s2");
        assertThat(windows.get(0).packets()).isEqualTo(5);

        // The next one leaves out what the first said: sequence 2, window [1 s, 2 s) of the same query; its
        // row packed column by column.
        long accepted = intstream.runtimeManager.core().counters().get("tcp_new_conn").partialsAccepted();
        byte[] columns = org.intstream.engine.wire.RowColumns.pack(List.<Object[]>of(
                new Object[] {org.intstream.query.type.IpAddress.parse("10.0.0.3"), 4L}));
        agent.onNext(AgentMessage.newBuilder().setPartial(Partial.newBuilder().setQueryVersion(q.version())
                .setRowColumns(ByteString.copyFrom(columns)).setPackets(4).setBytes(240)).build());
        assertThat(((ControllerMessage) next()).getAck().getSequencesList()).containsExactly(2L);
        assertThat(intstream.runtimeManager.core().counters().get("tcp_new_conn").partialsAccepted())
                .as("taken as the next window with its row, not refused").isEqualTo(accepted + 1);

        agent.onCompleted();
        assertThat(next()).isEqualTo("completed");
        awaitDisconnected("h1");
    }

    @Test
    void aWrongTokenEndsTheStreamUnauthenticated() throws Exception {
        intstream.runtimeManager.deactivate();
        intstream.runtimeManager.activate(Map.of("agentToken", "s3cret"));
        start(Map.of(OsgiPropertyConstants.AGENT_PORT, 0, OsgiPropertyConstants.AGENT_ADDRESS, "127.0.0.1"));
        dial().onNext(hello("h2", "guess"));
        Status status = (Status) next();
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(status.getDescription()).isEqualTo("agent h2: wrong token");
        assertThat(intstream.runtimeManager.core().agents().status()).isEmpty();
    }

    @Test
    void aPartialOfAVersionTheStreamNeverDeclaredIsAcknowledgedAndDropped() throws Exception {
        start(Map.of(OsgiPropertyConstants.AGENT_PORT, 0, OsgiPropertyConstants.AGENT_ADDRESS, "127.0.0.1",
                OsgiPropertyConstants.ACK_INTERVAL_MILLIS, 20));
        DeployedQuery q = intstream.runtimeManager.core().queries().submit(shipped("tcp_new_conn"), Map.of());
        StreamObserver<AgentMessage> agent = dial();
        agent.onNext(hello("h4", ""));
        assertThat(((ControllerMessage) next()).hasInstall()).isTrue();
        assertThat(((ControllerMessage) next()).hasWelcome()).isTrue();

        // Its name and window were said on another stream, not on this one: nothing tells which query it is.
        agent.onNext(AgentMessage.newBuilder().setPartial(Partial.newBuilder().setSequence(7)
                .setQueryVersion(q.version()).setPackets(5)).build());
        assertThat(((ControllerMessage) next()).getAck().getSequencesList()).containsExactly(7L);
        assertThat(intstream.runtimeManager.core().counters().get("tcp_new_conn").partialsAccepted()).isZero();
    }

    @Test
    void aPartialWhoseNotesCantBeReadCrossedAndIsAcknowledgedAsAtTheStandaloneController() throws Exception {
        start(Map.of(OsgiPropertyConstants.AGENT_PORT, 0, OsgiPropertyConstants.AGENT_ADDRESS, "127.0.0.1",
                OsgiPropertyConstants.ACK_INTERVAL_MILLIS, 20));
        DeployedQuery q = intstream.runtimeManager.core().queries().submit(shipped("tcp_new_conn"), Map.of());
        StreamObserver<AgentMessage> agent = dial();
        agent.onNext(hello("h6", ""));
        assertThat(((ControllerMessage) next()).hasInstall()).isTrue();
        assertThat(((ControllerMessage) next()).hasWelcome()).isTrue();

        // The version's first partial on the stream says its notes are those of the one before: there is none.
        Partial p = Partial.newBuilder().setSequence(4).setQuery("tcp_new_conn").setQueryVersion(q.version())
                .setWindowUs(5_000_000).setWindow(359_076_316L).setPackets(3).setNotesUnchanged(true).build();
        agent.onNext(AgentMessage.newBuilder().setPartial(p).build());

        assertThat(((ControllerMessage) next()).getAck().getSequencesList()).containsExactly(4L);
        assertThat(intstream.runtimeManager.core().counters().get("tcp_new_conn").partialsAccepted()).isZero();
        assertThat(intstream.runtimeManager.core().counters().get("tcp_new_conn").bytesCrossing())
                .as("refusals crossed too").isEqualTo(p.getSerializedSize());
    }

    @Test
    void aPartialPastGrpcsDefaultMessageSizeIsTaken() throws Exception {
        start(Map.of(OsgiPropertyConstants.AGENT_PORT, 0, OsgiPropertyConstants.AGENT_ADDRESS, "127.0.0.1",
                OsgiPropertyConstants.ACK_INTERVAL_MILLIS, 20));
        DeployedQuery q = intstream.runtimeManager.core().queries().submit(shipped("tcp_new_conn"), Map.of());
        StreamObserver<AgentMessage> agent = dial();
        agent.onNext(hello("h7", ""));
        assertThat(((ControllerMessage) next()).hasInstall()).isTrue();
        assertThat(((ControllerMessage) next()).hasWelcome()).isTrue();

        // A busy host's window: 500000 destinations and their connection counts, about 7 MiB as Rows.
        Partial.Builder b = Partial.newBuilder().setSequence(1).setQuery("tcp_new_conn").setQueryVersion(q.version())
                .setWindowUs(5_000_000).setWindow(1_000).setPackets(500_000);
        for (int i = 0; i < 500_000; i++) {
            byte[] dst = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            b.addRows(Row.newBuilder().addValues(Value.newBuilder().setIpValue(ByteString.copyFrom(dst)))
                    .addValues(Value.newBuilder().setIntValue(41 + i % 100)));
        }
        Partial big = b.build();
        assertThat(big.getSerializedSize()).isBetween(4 * 1024 * 1024 + 1, AgentEndpointManager.MAX_MESSAGE_BYTES - 1);
        agent.onNext(AgentMessage.newBuilder().setPartial(big).build());

        Object answer = next();
        assertThat(answer).as("acknowledged, not a failed stream").isInstanceOf(ControllerMessage.class);
        assertThat(((ControllerMessage) answer).getAck().getSequencesList()).containsExactly(1L);
        assertThat(intstream.runtimeManager.core().counters().get("tcp_new_conn").partialsAccepted()).isEqualTo(1);
    }

    @Test
    void aStreamsFirstPartialWithoutItsSequenceEndsTheStream() throws Exception {
        start(Map.of(OsgiPropertyConstants.AGENT_PORT, 0, OsgiPropertyConstants.AGENT_ADDRESS, "127.0.0.1"));
        StreamObserver<AgentMessage> agent = dial();
        agent.onNext(hello("h5", ""));
        assertThat(((ControllerMessage) next()).hasWelcome()).isTrue();

        agent.onNext(AgentMessage.newBuilder().setPartial(Partial.newBuilder().setQuery("tcp_new_conn")
                .setQueryVersion(1).setWindowUs(1_000_000)).build());
        Status status = (Status) next();
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).isEqualTo("the first partial of a stream must carry its sequence");
    }

    @Test
    void aPartialBeforeTheHelloIsRefused() throws Exception {
        start(Map.of(OsgiPropertyConstants.AGENT_PORT, 0, OsgiPropertyConstants.AGENT_ADDRESS, "127.0.0.1"));
        dial().onNext(AgentMessage.newBuilder().setPartial(Partial.newBuilder().setSequence(1)).build());
        Status status = (Status) next();
        assertThat(status.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(status.getDescription()).isEqualTo("a partial before the hello");
    }

    @Test
    void aNewPortRestartsTheServer() throws Exception {
        start(Map.of(OsgiPropertyConstants.AGENT_PORT, 0, OsgiPropertyConstants.AGENT_ADDRESS, "127.0.0.1"));
        int first = endpoint.port();
        StreamObserver<AgentMessage> agent = dial();
        agent.onNext(hello("h3", ""));
        assertThat(((ControllerMessage) next()).hasWelcome()).isTrue();

        int taken;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            taken = s.getLocalPort();
            endpoint.modified(Map.of(OsgiPropertyConstants.AGENT_PORT, taken, OsgiPropertyConstants.AGENT_ADDRESS,
                    "127.0.0.1"));
            assertThat(endpoint.port()).as("a port in use leaves the endpoint down").isEqualTo(-1);
        }
        Status ended = (Status) next();
        assertThat(ended.getCode()).as("the old stream ends; its agent reconnects").isEqualTo(Status.Code.UNAVAILABLE);
        endpoint.modified(Map.of(OsgiPropertyConstants.AGENT_PORT, 0, OsgiPropertyConstants.AGENT_ADDRESS, "127.0.0.1"));
        assertThat(endpoint.port()).isPositive().isNotEqualTo(first);
        awaitDisconnected("h3");
    }

    private void awaitDisconnected(String id) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (intstream.agents().stream().noneMatch(a -> a.id().equals(id) && a.connected())) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(intstream.agents()).as("agent " + id + " disconnected").noneMatch(a -> a.id().equals(id)
                && a.connected());
    }
}
