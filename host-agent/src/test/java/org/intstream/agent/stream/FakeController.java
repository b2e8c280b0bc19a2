package org.intstream.agent.stream;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.intstream.proto.agent.Ack;
import org.intstream.proto.agent.AgentMessage;
import org.intstream.proto.agent.AgentServiceGrpc;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.Welcome;

/**
 * A controller's agent service reduced to what the streamer's tests watch: checks the token, installs one
 * query, records every partial (whole, read back as the controller reads its stream, and as it arrived),
 * acknowledges them unless told to hold back, and can drop the connection.
 */
final class FakeController implements AutoCloseable {
    private final Server server;
    private final String token;
    volatile Install install;
    final List<Partial> received = new ArrayList<>();
    final List<Partial> arrived = new ArrayList<>();
    final List<String> hellos = new ArrayList<>();
    volatile boolean holdAcks;
    private StreamObserver<ControllerMessage> current;

    FakeController(String token, Install install) throws IOException {
        this(token, install, AgentStreamer.MAX_MESSAGE_BYTES);
    }

    /** One that refuses messages larger than {@code maxMessageBytes}, failing the stream, as gRPC does. */
    FakeController(String token, Install install, int maxMessageBytes) throws IOException {
        this.token = token;
        this.install = install;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(maxMessageBytes).addService(new Service()).build().start();
    }

    int port() {
        return server.getPort();
    }

    synchronized List<Partial> received() {
        return new ArrayList<>(received);
    }

    /** The partials as they came over the wire, their headers cut. */
    synchronized List<Partial> arrived() {
        return new ArrayList<>(arrived);
    }

    synchronized List<String> hellos() {
        return new ArrayList<>(hellos);
    }

    /** Ends the current stream with UNAVAILABLE, as a lost connection does. */
    synchronized void drop() {
        if (current != null) {
            current.onError(Status.UNAVAILABLE.withDescription("dropped by the test").asRuntimeException());
            current = null;
        }
    }

    /** Acknowledges everything received so far. */
    synchronized void ackAll() {
        Ack.Builder a = Ack.newBuilder();
        received.forEach(p -> a.addSequences(p.getSequence()));
        current.onNext(ControllerMessage.newBuilder().setAck(a).build());
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Service extends AgentServiceGrpc.AgentServiceImplBase {
        @Override
        public StreamObserver<AgentMessage> connect(StreamObserver<ControllerMessage> out) {
            PartialHeaderReader reader = new PartialHeaderReader();
            return new StreamObserver<>() {
                @Override
                public void onNext(AgentMessage m) {
                    synchronized (FakeController.this) {
                        if (m.hasHello()) {
                            hellos.add(m.getHello().getAgentId() + "@" + m.getHello().getObservationPoint());
                            if (!m.getHello().getAuthToken().equals(token)) {
                                out.onError(Status.UNAUTHENTICATED.withDescription("wrong token").asRuntimeException());
                                return;
                            }
                            current = out;
                            out.onNext(ControllerMessage.newBuilder().setInstall(install).build());
                            out.onNext(ControllerMessage.newBuilder().setWelcome(Welcome.getDefaultInstance()).build());
                        } else if (out == current) {
                            long sequence = reader.sequence(m.getPartial());
                            received.add(reader.whole(m.getPartial(), sequence));
                            arrived.add(m.getPartial());
                            if (!holdAcks) {
                                out.onNext(ControllerMessage.newBuilder().setAck(Ack.newBuilder()
                                        .addSequences(sequence)).build());
                            }
                        }
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    out.onCompleted();
                }
            };
        }
    }
}
