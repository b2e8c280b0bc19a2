package org.intstream.agent.tree;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.PartialHeaderReader;
import org.intstream.proto.agent.Ack;
import org.intstream.proto.agent.AgentMessage;
import org.intstream.proto.agent.AgentServiceGrpc;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.SketchSnapshot;
import org.intstream.proto.agent.Welcome;

/**
 * An overlay-tree parent's end of its children's streams: the same service the controller serves, so a child
 * runs the same streamer whether it dials the controller or a parent. A hello with the right token joins the
 * child: it is sent what the parent's upstream installed and the parent's measurement sketches, then a welcome.
 * Children connected now, or lost less than {@code forgetMillis} ago, are the members a window waits for.
 */
final class ChildStreamService extends AgentServiceGrpc.AgentServiceImplBase {
    /** What the parent does with its children's messages. */
    interface Parent {
        /** The messages a joining child gets before its welcome: installs and sketch configurations. */
        List<ControllerMessage> joinMessages();

        /** A child's partial, whole (with what its stream left out), and the sequence the child gave it. */
        void partial(String child, Partial p, long nowMillis);

        void snapshot(String child, SketchSnapshot s);
    }

    private final String token;
    private final long forgetMillis;
    private final Parent parent;
    private final Consumer<String> log;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Long> lostAt = new ConcurrentHashMap<>();

    ChildStreamService(String token, long forgetMillis, Parent parent, Consumer<String> log) {
        this.token = token == null ? "" : token;
        this.forgetMillis = forgetMillis;
        this.parent = parent;
        this.log = log;
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<ControllerMessage> responses) {
        return new Session((ServerCallStreamObserver<ControllerMessage>) responses);
    }

    /** The children a window waits for: connected, or lost less than the forget time ago. */
    Set<String> expected(long nowMillis) {
        Set<String> ids = new TreeSet<>(sessions.keySet());
        lostAt.forEach((id, at) -> {
            if (nowMillis - at < forgetMillis) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The children connected now. */
    Set<String> connected() {
        return new TreeSet<>(sessions.keySet());
    }

    /** Sends a message to every connected child. */
    void broadcast(ControllerMessage m) {
        for (Session s : sessions.values()) {
            s.send(m);
        }
    }

    /** Sends a message to one child; false when it isn't connected. */
    boolean sendTo(String child, ControllerMessage m) {
        Session s = sessions.get(child);
        return s != null && s.send(m);
    }

    /** Queues an acknowledgement for a child's current stream (a resent partial carries its old number). */
    void ack(String child, long sequence) {
        Session s = sessions.get(child);
        if (s != null) {
            s.queueAck(sequence);
        }
    }

    void flushAcks() {
        for (Session s : sessions.values()) {
            s.flush();
        }
    }

    /** Ends a child's stream as a lost connection would; false when it isn't connected. */
    boolean disconnect(String child) {
        Session s = sessions.get(child);
        if (s == null) {
            return false;
        }
        s.fail(Status.UNAVAILABLE.withDescription("disconnected by the parent"));
        return true;
    }

    private boolean tokenMatches(String offered) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), offered.getBytes(StandardCharsets.UTF_8));
    }

    private final class Session implements StreamObserver<AgentMessage> {
        private final ServerCallStreamObserver<ControllerMessage> out;
        private final List<Long> pendingAcks = new ArrayList<>();
        /** What this stream's partials said before, for the next ones that leave it out. */
        private final PartialHeaderReader reader = new PartialHeaderReader();
        private volatile String child;
        private boolean ended;

        Session(ServerCallStreamObserver<ControllerMessage> out) {
            this.out = out;
        }

        @Override
        public void onNext(AgentMessage m) {
            switch (m.getBodyCase()) {
                case HELLO -> hello(m);
                case PARTIAL -> {
                    if (child == null) {
                        fail(Status.FAILED_PRECONDITION.withDescription("a partial before the hello"));
                    } else {
                        partial(m.getPartial());
                    }
                }
                case SKETCH_SNAPSHOT -> {
                    if (child != null) {
                        parent.snapshot(child, m.getSketchSnapshot());
                    }
                }
                default -> log.accept("ignored a child's message of an unknown kind");
            }
        }

        /** A child's partial, whole again (its stream left out what it said before), to the parent. */
        private void partial(Partial arrived) {
            long sequence;
            try {
                sequence = reader.sequence(arrived);
            } catch (IllegalArgumentException e) {
                fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
                return;
            }
            Partial whole;
            try {
                whole = reader.whole(arrived, sequence);
            } catch (IllegalArgumentException e) {
                // Dropped as a malformed partial is: resending it on this stream can't make it readable.
                log.accept("dropped " + child + "'s partial " + sequence + ": " + e.getMessage());
                queueAck(sequence);
                return;
            }
            parent.partial(child, whole, System.currentTimeMillis());
        }

        private void hello(AgentMessage m) {
            if (child != null) {
                fail(Status.FAILED_PRECONDITION.withDescription("a second hello on one stream"));
                return;
            }
            String id = m.getHello().getAgentId();
            if (!tokenMatches(m.getHello().getAuthToken())) {
                log.accept("refused a child: agent " + id + ": wrong token");
                fail(Status.UNAUTHENTICATED.withDescription("agent " + id + ": wrong token"));
                return;
            }
            if (id.isBlank()) {
                fail(Status.INVALID_ARGUMENT.withDescription("the hello has no agent id"));
                return;
            }
            child = id;
            Session previous = sessions.put(id, this);
            lostAt.remove(id);
            if (previous != null && previous != this) {
                previous.fail(Status.ABORTED.withDescription("replaced by a new connection of " + id));
            }
            for (ControllerMessage join : parent.joinMessages()) {
                send(join);
            }
            send(ControllerMessage.newBuilder().setWelcome(Welcome.newBuilder()
                    .setControllerVersion(AgentStreamer.VERSION)).build());
            log.accept("child " + id + " joined from " + m.getHello().getObservationPoint());
        }

        synchronized void queueAck(long sequence) {
            pendingAcks.add(sequence);
        }

        synchronized void flush() {
            if (pendingAcks.isEmpty() || ended) {
                return;
            }
            send(ControllerMessage.newBuilder().setAck(Ack.newBuilder().addAllSequences(pendingAcks)).build());
            pendingAcks.clear();
        }

        synchronized boolean send(ControllerMessage m) {
            if (ended || out.isCancelled()) {
                return false;
            }
            try {
                out.onNext(m);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        synchronized void fail(Status status) {
            if (!ended) {
                ended = true;
                try {
                    out.onError(status.asRuntimeException());
                } catch (RuntimeException e) {
                    // Already closed by the peer.
                }
            }
            leave();
        }

        private void leave() {
            String id = child;
            if (id != null && sessions.remove(id, this)) {
                lostAt.put(id, System.currentTimeMillis());
                log.accept("child " + id + " left");
            }
        }

        @Override
        public void onError(Throwable t) {
            synchronized (this) {
                ended = true;
            }
            leave();
        }

        @Override
        public void onCompleted() {
            synchronized (this) {
                if (!ended) {
                    ended = true;
                    out.onCompleted();
                }
            }
            leave();
        }
    }
}
