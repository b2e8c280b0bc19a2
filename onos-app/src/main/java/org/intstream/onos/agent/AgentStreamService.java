package org.intstream.onos.agent;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.intstream.controller.agent.AgentLink;
import org.intstream.controller.agent.AgentRefusedException;
import org.intstream.controller.merge.Acceptance;
import org.intstream.controller.merge.PartialReport;
import org.intstream.controller.query.DeployedQuery;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.engine.wire.PartialHeaderDecoder;
import org.intstream.engine.wire.RowColumns;
import org.intstream.engine.wire.SketchCellBudget;
import org.intstream.proto.agent.Ack;
import org.intstream.proto.agent.AgentMessage;
import org.intstream.proto.agent.AgentServiceGrpc;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.Remove;
import org.intstream.proto.agent.Row;
import org.intstream.proto.agent.Welcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's end of the agents' streams inside ONOS (agent.proto's AgentService): a hello joins the
 * agent to the core with its token, or ends the stream as UNAUTHENTICATED; each partial goes to the core (whole
 * again: a stream's partials leave out what its earlier ones said, {@link PartialHeaderDecoder}) and
 * its sequence number is acknowledged in the next batch ({@link #flushAcks()}, called on a timer); the core
 * pushes installs and removals through the session. One session per agent id: a new connection replaces the
 * old one.
 */
final class AgentStreamService extends AgentServiceGrpc.AgentServiceImplBase {
    /** What the Welcome says to the agent's log. */
    static final String CONTROLLER_VERSION = "0.1.0 (ONOS)";

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ControllerCore core;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    AgentStreamService(ControllerCore core) {
        this.core = core;
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

    /** Ends every stream (the endpoint stops); the agents reconnect and resend what was not acknowledged. */
    void closeAll() {
        for (Session s : sessions.values()) {
            s.fail(Status.UNAVAILABLE.withDescription("the controller's agent endpoint stopped"));
        }
    }

    /** One agent's stream; also the core's link to it. */
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
                // The running queries' installs go out through this session during the call.
                core.agentConnected(id, m.getHello().getAuthToken(), m.getHello().getObservationPoint(), this);
            } catch (AgentRefusedException e) {
                log.warn("Refused an agent: {}", e.getMessage());
                fail(Status.UNAUTHENTICATED.withDescription(e.getMessage()));
                return;
            }
            agentId = id;
            Session previous = sessions.put(id, this);
            if (previous != null && previous != this) {
                previous.fail(Status.ABORTED.withDescription("replaced by a new connection of " + id));
            }
            send(ControllerMessage.newBuilder()
                    .setWelcome(Welcome.newBuilder().setControllerVersion(CONTROLLER_VERSION)).build());
            log.info("Agent {} joined from {} (version {})", id, m.getHello().getObservationPoint(),
                    m.getHello().getVersion());
        }

        private void partial(Partial p) {
            long sequence;
            try {
                sequence = headers.sequence(p.getSequence());
            } catch (IllegalArgumentException e) {
                // Nothing to acknowledge it by: the agent resends it, whole, on its next stream.
                log.warn("Agent {}: {}", agentId, e.getMessage());
                fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
                return;
            }
            PartialReport r = null;
            Acceptance a;
            try {
                PartialHeaderDecoder.Window w = headers.window(p.getQueryVersion(), p.getQuery(), p.getWindowUs(),
                        p.getWindow());
                // What crossed into the global stage, for the data reduction figure (as the message arrived).
                core.countCrossing(w.query(), p.getSerializedSize());
                List<String> notes = headers.notes(p.getQueryVersion(), p.getNotesUnchanged(), p.getNotesList(),
                        p.getNotesKeptList());
                r = report(p, sequence, w, notes);
                a = core.onPartial(r);
            } catch (IllegalArgumentException e) {
                a = Acceptance.MALFORMED;
                log.warn("Agent {}: malformed partial {}: {}", agentId, sequence, e.getMessage());
            }
            if (a == Acceptance.MALFORMED && r != null) {
                log.warn("Agent {}: partial {} of {} refused: {}", agentId, sequence, r.query(), core.malformation(r));
            }
            synchronized (this) {
                pendingAcks.add(sequence);
            }
        }

        private PartialReport report(Partial p, long sequence, PartialHeaderDecoder.Window w, List<String> notes) {
            List<Object[]> rows;
            if (!p.getRowColumns().isEmpty()) {
                if (p.getRowsCount() > 0) {
                    throw new IllegalArgumentException("a partial with both rows and row_columns");
                }
                rows = RowColumns.unpack(p.getRowColumns().toByteArray());
            } else {
                rows = new ArrayList<>(p.getRowsCount());
                SketchCellBudget cells = new SketchCellBudget();
                for (Row row : p.getRowsList()) {
                    try {
                        rows.add(AgentRows.decode(row, cells));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("row " + rows.size() + ", " + e.getMessage(), e);
                    }
                }
            }
            return new PartialReport(agentId, w.query(), p.getQueryVersion(), sequence, w.start(), w.end(), rows,
                    !p.getIncomplete(), p.getPackets(), p.getBytes(), p.getCaptureDrops(), p.getApproximate(), notes);
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
            // The sides and point make the agent split the query as the controller did.
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
            String id = agentId;
            if (id != null) {
                agentId = null;
                sessions.remove(id, this);
                core.agentDisconnected(id, this);
                log.info("Agent {} left", id);
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
