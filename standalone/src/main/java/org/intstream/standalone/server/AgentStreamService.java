package org.intstream.standalone.server;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.intstream.agent.stream.PartialRows;
import org.intstream.controller.agent.AgentLink;
import org.intstream.controller.agent.AgentRefusedException;
import org.intstream.controller.merge.Acceptance;
import org.intstream.controller.merge.PartialReport;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.engine.wire.PartialHeaderDecoder;
import org.intstream.proto.agent.Ack;
import org.intstream.proto.agent.AgentMessage;
import org.intstream.proto.agent.AgentServiceGrpc;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.Remove;
import org.intstream.proto.agent.Welcome;

/**
 * The controller's end of the agents' streams: a hello joins the agent to the core (or ends the stream as
 * UNAUTHENTICATED), partials go to the core (whole again: each stream's leave out what its earlier ones said,
 * {@link PartialHeaderDecoder}, read in the same steps as ONOS's endpoint), and their sequence numbers are
 * acknowledged in batches by
 * {@link #flushAcks()}, which the server calls every few hundred milliseconds.
 */
final class AgentStreamService extends AgentServiceGrpc.AgentServiceImplBase {
    private final ControllerCore core;
    private final Consumer<String> log;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    AgentStreamService(ControllerCore core, Consumer<String> log) {
        this.core = core;
        this.log = log;
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<ControllerMessage> responses) {
        return new Session((ServerCallStreamObserver<ControllerMessage>) responses);
    }

    /** Sends every session's pending acknowledgements. */
    void flushAcks() {
        for (Session s : sessions.values()) {
            s.flush();
        }
    }

    /** Ends an agent's stream as a lost connection would; false when it is not connected. */
    boolean disconnect(String agentId) {
        Session s = sessions.get(agentId);
        if (s == null) {
            return false;
        }
        s.fail(Status.UNAVAILABLE.withDescription("disconnected by the controller"));
        return true;
    }

    /** One agent's stream; also its link for installs. */
    private final class Session implements StreamObserver<AgentMessage>, AgentLink {
        private final ServerCallStreamObserver<ControllerMessage> out;
        private final List<Long> pendingAcks = new ArrayList<>();
        /** What this stream's partials said before, for the next ones that leave it out. */
        private final PartialHeaderDecoder headers = new PartialHeaderDecoder();
        private volatile String agentId;
        private boolean ended;

        Session(ServerCallStreamObserver<ControllerMessage> out) {
            this.out = out;
        }

        @Override
        public void onNext(AgentMessage m) {
            if (m.hasHello()) {
                hello(m);
            } else if (m.hasPartial()) {
                if (agentId == null) {
                    fail(Status.FAILED_PRECONDITION.withDescription("a partial before the hello"));
                    return;
                }
                partial(m.getPartial());
            }
        }

        private void hello(AgentMessage m) {
            if (agentId != null) {
                fail(Status.FAILED_PRECONDITION.withDescription("a second hello on one stream"));
                return;
            }
            String id = m.getHello().getAgentId();
            try {
                // Installs of the running queries go out through this session during the call.
                core.agentConnected(id, m.getHello().getAuthToken(), m.getHello().getObservationPoint(), this);
            } catch (AgentRefusedException e) {
                log.accept("refused an agent: " + e.getMessage());
                fail(Status.UNAUTHENTICATED.withDescription(e.getMessage()));
                return;
            }
            agentId = id;
            Session previous = sessions.put(id, this);
            if (previous != null && previous != this) {
                previous.fail(Status.ABORTED.withDescription("replaced by a new connection of " + id));
            }
            send(ControllerMessage.newBuilder().setWelcome(Welcome.newBuilder()
                    .setControllerVersion(org.intstream.agent.stream.AgentStreamer.VERSION)).build());
            log.accept("agent " + id + " joined from " + m.getHello().getObservationPoint() + " (version "
                    + m.getHello().getVersion() + ")");
        }

        private void partial(Partial p) {
            long sequence;
            try {
                sequence = headers.sequence(p.getSequence());
            } catch (IllegalArgumentException e) {
                // Nothing to acknowledge it by: the agent resends it, whole, on its next stream.
                log.accept("agent " + agentId + ": " + e.getMessage());
                fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
                return;
            }
            Acceptance a;
            PartialReport r = null;
            try {
                PartialHeaderDecoder.Window w = headers.window(p.getQueryVersion(), p.getQuery(), p.getWindowUs(),
                        p.getWindow());
                // What crossed, as it arrived, for the data reduction figure: once its query is known, refused
                // or not.
                core.countCrossing(w.query(), p.getSerializedSize());
                List<String> notes = headers.notes(p.getQueryVersion(), p.getNotesUnchanged(), p.getNotesList(),
                        p.getNotesKeptList());
                r = report(p, sequence, w, notes);
                a = core.onPartial(r);
            } catch (IllegalArgumentException e) {
                a = Acceptance.MALFORMED;
                log.accept("agent " + agentId + ": malformed partial " + sequence + ": " + e.getMessage());
            }
            if (a == Acceptance.MALFORMED && r != null) {
                log.accept("agent " + agentId + ": partial " + sequence + " of " + r.query() + " refused: "
                        + core.malformation(r));
            }
            synchronized (this) {
                pendingAcks.add(sequence);
            }
        }

        /** A partial, with what its header left out restored, as the core takes it. */
        private PartialReport report(Partial p, long sequence, PartialHeaderDecoder.Window w, List<String> notes) {
            return new PartialReport(agentId, w.query(), p.getQueryVersion(), sequence, w.start(), w.end(),
                    PartialRows.of(p), !p.getIncomplete(), p.getPackets(), p.getBytes(), p.getCaptureDrops(),
                    p.getApproximate(), notes);
        }

        synchronized void flush() {
            if (pendingAcks.isEmpty() || ended) {
                return;
            }
            send(ControllerMessage.newBuilder().setAck(Ack.newBuilder().addAllSequences(pendingAcks)).build());
            pendingAcks.clear();
        }

        @Override
        public void install(DeployedQuery q) {
            // The sides and point make the agent split the query as the controller did and feed the stage
            // the packets of that point.
            send(ControllerMessage.newBuilder().setInstall(Install.newBuilder().setQuery(q.name())
                    .setQueryVersion(q.version()).setDsl(q.text()).putAllParameters(q.parameters())
                    .setSides(q.sides().name()).setObservationPoint(q.plan().point().name())).build());
        }

        @Override
        public void remove(String query) {
            send(ControllerMessage.newBuilder().setRemove(Remove.newBuilder().setQuery(query)).build());
        }

        private synchronized void send(ControllerMessage m) {
            if (!ended && !out.isCancelled()) {
                out.onNext(m);
            }
        }

        synchronized void fail(Status status) {
            if (!ended) {
                ended = true;
                out.onError(status.asRuntimeException());
            }
            leave();
        }

        private void leave() {
            if (agentId != null) {
                sessions.remove(agentId, this);
                core.agentDisconnected(agentId, this);
                log.accept("agent " + agentId + " left");
                agentId = null;
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
