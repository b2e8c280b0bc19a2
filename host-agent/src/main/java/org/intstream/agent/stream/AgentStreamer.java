package org.intstream.agent.stream;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.intstream.engine.source.RawFrame;
import org.intstream.proto.agent.AgentMessage;
import org.intstream.proto.agent.AgentServiceGrpc;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Hello;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.SketchSnapshot;
import org.intstream.query.QueryException;
import org.intstream.query.partition.ObservationPoint;
import org.intstream.query.partition.PlanSplitter;

/**
 * The agent's side of the distributed runtime: runs the local stages the controller installs over the
 * packets it is given, and streams each closed window's partial to the controller over a connection it dials
 * itself. Every partial gets a sequence number and is kept whole until the controller acknowledges it; after a
 * lost connection the agent reconnects with exponential backoff and sends the unacknowledged ones again
 * (the controller takes each window of each agent once). On each connection a {@link PartialHeaderEncoder}
 * leaves out of a partial's header what the connection's earlier partials said. A refused token ends the
 * streamer.
 *
 * <p>Each stage is fed the packets of its observation point ({@link ObservationRouter}): what this host sends,
 * what it receives, or both directions of the connections it is the client or the server of.
 *
 * <p>In the overlay tree the streamer dials a parent agent instead of the controller (the same service), and an
 * agent with children hands its own windows and its upstream's instructions to a {@link StreamRelay}, which
 * merges and passes them on; what it merged goes up through {@link #sendUp}.
 *
 * <p>Over TLS ({@link StreamerConfig#tlsCa()}) a failed handshake (an untrusted certificate, a certificate
 * that does not name the host dialed, a server that doesn't speak TLS) ends the streamer, as a refused token
 * does: retrying can't help.
 *
 * <p>Frames and time come from one thread ({@link #onFrame}, {@link #advanceTime}, {@link #finish}); installs
 * arrive on gRPC's threads, so both take the stages' lock.
 */
public final class AgentStreamer implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    /** Most partials kept for the controller; past it the oldest go (their windows end up partial). */
    public static final int MAX_UNACKNOWLEDGED = 100_000;
    /**
     * The largest message the receivers of partials (the controller, an overlay-tree parent) take, set on their
     * servers: gRPC's default of 4 MiB is less than a busy host's window of packet timestamps, and a tree parent
     * forwards its subtree's merged rows. onos-app's AgentEndpointManager repeats the number.
     */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    /**
     * Room a partial leaves under the largest message: the stream's encoder may make it a few bytes longer than
     * whole (a window's offset in a longer varint, notes_unchanged), and AgentMessage adds a tag and a length.
     */
    static final int MESSAGE_MARGIN_BYTES = 1024;

    private final StreamerConfig config;
    private final LongSupplier captureDrops;
    private final Consumer<String> log;
    private final ManagedChannel channel;
    private final Thread connector;
    private final ObservationRouter router;
    private final StreamRelay relay;

    private final Object stagesLock = new Object();
    private final Map<String, LocalStage> stages = new LinkedHashMap<>();
    private final Map<String, Long> installed = new LinkedHashMap<>();
    /** Queries the controller installed on the current connection; the others are dropped at its welcome. */
    private final java.util.Set<String> installedThisConnection = new java.util.HashSet<>();
    /** Queries whose stage was dropped at a welcome: run again, they have missed packets. */
    private final java.util.Set<String> droppedAtWelcome = new java.util.HashSet<>();
    /** The latest instant a frame or the clock brought, microseconds. */
    private long clockMicros = Long.MIN_VALUE;

    private final Object sendLock = new Object();
    private final TreeMap<Long, Partial> unacked = new TreeMap<>();
    /** Queries a partial of which was too large to send whole: logged once each. */
    private final java.util.Set<String> oversized = new java.util.HashSet<>();
    private long nextSequence = 1;
    private long sent;
    private long discarded;
    private long connections;
    private StreamObserver<AgentMessage> requests;
    /** The current stream's: what its partials said already is left out of the next ones. */
    private PartialHeaderEncoder encoder;

    private volatile boolean closed;
    private volatile boolean welcomed;
    private volatile String failure;
    private volatile long backoffMillis;

    private AgentStreamer(StreamerConfig config, HostAddresses host, LongSupplier captureDrops, Consumer<String> log,
            StreamRelay relay) {
        this.config = config;
        this.router = new ObservationRouter(host);
        this.captureDrops = captureDrops;
        this.log = log;
        this.relay = relay;
        this.backoffMillis = config.minBackoffMillis();
        this.channel = config.tlsCa() == null
                ? NettyChannelBuilder.forAddress(config.host(), config.port()).usePlaintext().build()
                : NettyChannelBuilder.forAddress(config.host(), config.port(), StreamTls.client(config.tlsCa())).build();
        this.connector = new Thread(this::connectLoop, "agent-streamer-" + config.agentId());
        connector.setDaemon(true);
    }

    /**
     * Starts dialing the controller; returns at once.
     *
     * @param captureDrops the capture layer's drops so far (0 for a replay), reported per window
     * @param log receives one line per notable event
     */
    public static AgentStreamer start(StreamerConfig config, LongSupplier captureDrops, Consumer<String> log) {
        return start(config, HostAddresses.EVERY, captureDrops, log);
    }

    /**
     * Starts dialing the controller; returns at once.
     *
     * @param host which addresses are this host's, for frames without a capture direction (a replay)
     * @param captureDrops the capture layer's drops so far (0 for a replay), reported per window
     * @param log receives one line per notable event
     */
    public static AgentStreamer start(StreamerConfig config, HostAddresses host, LongSupplier captureDrops,
            Consumer<String> log) {
        return start(config, host, captureDrops, log, null);
    }

    /**
     * Starts dialing upstream (the controller or a parent agent); returns at once.
     *
     * @param relay an overlay-tree parent's merging of its children's windows with its own, or null
     * @throws IllegalArgumentException when the TLS CA file can't be used
     */
    public static AgentStreamer start(StreamerConfig config, HostAddresses host, LongSupplier captureDrops,
            Consumer<String> log, StreamRelay relay) {
        AgentStreamer s = new AgentStreamer(config, host, captureDrops, log, relay);
        s.connector.start();
        return s;
    }

    private void connectLoop() {
        AgentServiceGrpc.AgentServiceStub stub = AgentServiceGrpc.newStub(channel);
        Hello hello = Hello.newBuilder().setAgentId(config.agentId()).setAuthToken(config.token())
                .setObservationPoint(config.point()).setVersion(VERSION).build();
        while (!closed) {
            CountDownLatch ended = new CountDownLatch(1);
            synchronized (stagesLock) {
                installedThisConnection.clear();
            }
            StreamObserver<AgentMessage> req = stub.connect(new StreamObserver<>() {
                @Override
                public void onNext(ControllerMessage m) {
                    handle(m);
                }

                @Override
                public void onError(Throwable t) {
                    Status s = Status.fromThrowable(t);
                    String tls = StreamTls.problem(t, config.tlsCa());
                    if (s.getCode() == Status.Code.UNAUTHENTICATED || s.getCode() == Status.Code.PERMISSION_DENIED) {
                        failure = "the controller refused this agent: " + s.getDescription();
                        log.accept(failure);
                    } else if (tls != null && !closed) {
                        failure = "TLS with " + config.host() + ":" + config.port() + " failed: " + tls;
                        log.accept(failure);
                    } else if (!closed) {
                        log.accept("connection to the controller lost: " + s.getCode()
                                + (s.getDescription() == null ? "" : " (" + s.getDescription() + ")")
                                + (config.tlsCa() == null && !welcomed && s.getCode() == Status.Code.UNAVAILABLE
                                        ? "; if " + config.host() + ":" + config.port() + " serves TLS, give --tls-ca"
                                        : ""));
                    }
                    ended.countDown();
                }

                @Override
                public void onCompleted() {
                    ended.countDown();
                }
            });
            synchronized (sendLock) {
                connections++;
                req.onNext(AgentMessage.newBuilder().setHello(hello).build());
                encoder = new PartialHeaderEncoder();
                for (Partial p : unacked.values()) {
                    req.onNext(AgentMessage.newBuilder().setPartial(encoder.encode(p)).build());
                    sent++;
                }
                requests = req;
            }
            try {
                ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                synchronized (sendLock) {
                    if (requests == req) {
                        requests = null;
                    }
                }
            }
            if (closed || failure != null) {
                return;
            }
            sleep(backoffMillis);
            backoffMillis = Math.min(backoffMillis * 2, config.maxBackoffMillis());
        }
    }

    private void handle(ControllerMessage m) {
        switch (m.getBodyCase()) {
            case WELCOME -> {
                backoffMillis = config.minBackoffMillis();
                java.util.Set<String> running;
                synchronized (stagesLock) {
                    running = java.util.Set.copyOf(installedThisConnection);
                    // The controller sends the running queries' installs before its welcome: the stages it
                    // did not install are of queries it no longer runs (it was restarted, or they were removed
                    // while this agent was away).
                    for (String q : new java.util.ArrayList<>(stages.keySet())) {
                        if (!installedThisConnection.contains(q)) {
                            droppedAtWelcome.add(q);
                            stages.remove(q).close();
                            installed.remove(q);
                            log.accept("dropped the local stage of " + q + ": the controller no longer runs it");
                        }
                    }
                    welcomed = true;
                    stagesLock.notifyAll();
                }
                log.accept("connected to " + (relay == null ? "the controller " : "") + config.host() + ":"
                        + config.port() + " as " + config.agentId());
                if (relay != null) {
                    relay.welcomed(running);
                }
            }
            case ACK -> {
                synchronized (sendLock) {
                    for (long seq : m.getAck().getSequencesList()) {
                        unacked.remove(seq);
                    }
                    sendLock.notifyAll();
                }
                if (relay != null) {
                    for (long seq : m.getAck().getSequencesList()) {
                        relay.acknowledged(seq);
                    }
                }
            }
            case INSTALL -> {
                install(m.getInstall());
                relayed(m);
            }
            case SKETCH_CONFIG, SKETCH_QUERY -> {
                if (relay == null) {
                    log.accept("ignored an overlay-tree message: this agent has no measurement sketches to share");
                } else {
                    relay.fromUpstream(m);
                }
            }
            case REMOVE -> {
                synchronized (stagesLock) {
                    LocalStage removed = stages.remove(m.getRemove().getQuery());
                    if (removed != null) {
                        removed.close();
                        installed.remove(m.getRemove().getQuery());
                        log.accept("removed " + m.getRemove().getQuery());
                    }
                    stagesLock.notifyAll();
                }
                relayed(m);
            }
            default -> log.accept("ignored a controller message of an unknown kind");
        }
    }

    private void install(Install in) {
        synchronized (stagesLock) {
            installedThisConnection.add(in.getQuery());
            try {
                PlanSplitter.Sides sides = in.getSides().isEmpty() ? PlanSplitter.Sides.SENDER
                        : enumValue(PlanSplitter.Sides.class, "sides", in.getSides());
                ObservationPoint point = in.getObservationPoint().isEmpty() ? null
                        : enumValue(ObservationPoint.class, "observation point", in.getObservationPoint());
                LocalStage existing = stages.get(in.getQuery());
                if (existing != null && existing.runs(in.getQueryVersion(), in.getDsl(), in.getParametersMap(), point)) {
                    return;
                }
                LocalStage stage = new LocalStage(in.getQuery(), in.getQueryVersion(), in.getDsl(),
                        in.getParametersMap(), sides, point, observedFrom(in.getQuery()), captureDrops, this::send);
                LocalStage replaced = stages.put(in.getQuery(), stage);
                if (replaced != null) {
                    replaced.close(); // its probes stop; the new version's run from now
                }
                installed.put(in.getQuery(), in.getQueryVersion());
                log.accept("running the local stage of " + in.getQuery() + " (version " + in.getQueryVersion()
                        + ") at " + stage.point());
            } catch (QueryException | IllegalArgumentException e) {
                LocalStage old = stages.remove(in.getQuery());
                if (old != null) {
                    old.close();
                }
                installed.remove(in.getQuery());
                log.accept("can't run the local stage of " + in.getQuery() + ": " + e.getMessage());
            }
            stagesLock.notifyAll();
        }
    }

    /**
     * From when a new stage of the query sees every packet: the agent's start, or, for a query whose stage was
     * dropped at a welcome (its upstream restarted without it, as a restarted tree parent does until its own
     * upstream installs again), the instant after the latest packet: the window it restarts in is incomplete.
     */
    private long observedFrom(String query) {
        if (droppedAtWelcome.remove(query) && clockMicros != Long.MIN_VALUE) {
            return Math.max(config.observedFrom(), clockMicros + 1);
        }
        return config.observedFrom();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String what, String text) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the install names an unknown " + what + " '" + text + "'", e);
        }
    }

    private void relayed(ControllerMessage m) {
        if (relay != null) {
            relay.fromUpstream(m);
        }
    }

    /** A closed window of a local stage: up, or to the relay that merges it with the children's first. */
    private void send(Partial.Builder b) {
        if (relay != null) {
            relay.ownPartial(b.build());
        } else {
            sendUp(b);
        }
    }

    /**
     * Numbers a partial, keeps it until acknowledged, and sends it if connected. A partial larger than upstream
     * takes ({@link StreamerConfig#maxMessageBytes()}) would fail the stream at every resend, holding back all
     * that follow: it goes without its rows, incomplete, with a note saying why.
     *
     * @param b the partial whole (query name, window length and index, every note), without its sequence
     *
     * @return its sequence number, which {@link StreamRelay#acknowledged} reports back
     */
    public long sendUp(Partial.Builder b) {
        synchronized (sendLock) {
            Partial p = fitted(b.setSequence(nextSequence++).build());
            unacked.put(p.getSequence(), p);
            if (unacked.size() > MAX_UNACKNOWLEDGED) {
                unacked.pollFirstEntry();
                if (discarded++ == 0) {
                    log.accept("the controller is unreachable and " + MAX_UNACKNOWLEDGED
                            + " partials wait: dropping the oldest");
                }
            }
            if (requests != null) {
                try {
                    requests.onNext(AgentMessage.newBuilder().setPartial(encoder.encode(p)).build());
                    sent++;
                } catch (RuntimeException e) {
                    // The stream broke under us; the reconnect sends it again.
                    requests = null;
                }
            }
            return p.getSequence();
        }
    }

    /** The partial, or, when it is larger than upstream takes, the window without its rows. */
    private Partial fitted(Partial p) {
        int limit = config.maxMessageBytes() - MESSAGE_MARGIN_BYTES;
        int size = p.getSerializedSize();
        if (size <= limit) {
            return p;
        }
        String note = config.agentId() + ": the window's partial (" + size + " bytes) is larger than the largest "
                + "message upstream takes (" + config.maxMessageBytes() + " bytes): sent without its rows";
        Partial.Builder b = p.toBuilder().clearRows().clearRowColumns().setIncomplete(true).addNotes(note);
        if (b.hasCoverage()) {
            // A tree parent's merge: none of its points' windows is in the rows now.
            b.getCoverageBuilder().clearCompletePoints();
        }
        if (b.build().getSerializedSize() > limit) {
            b.clearNotes().addNotes(note); // the notes themselves were too long
        }
        if (oversized.add(p.getQuery())) {
            log.accept(p.getQuery() + ": window " + p.getWindow() + "'s partial is " + size + " bytes, more than "
                    + "upstream takes (" + config.maxMessageBytes() + "): sent without its rows, marked incomplete "
                    + "(logged once per query)");
        }
        return b.build();
    }

    /** Answers a parent's sketch query; not kept: a lost answer makes the parent's answer partial. */
    public void sendSnapshot(SketchSnapshot snapshot) {
        synchronized (sendLock) {
            if (requests != null) {
                try {
                    requests.onNext(AgentMessage.newBuilder().setSketchSnapshot(snapshot).build());
                } catch (RuntimeException e) {
                    requests = null;
                }
            }
        }
    }

    /** This agent's id upstream. */
    public String agentId() {
        return config.agentId();
    }

    /**
     * Runs one captured frame through the local stages whose observation point it belongs to. The others'
     * clocks don't move: a live capture of the other direction may still deliver earlier packets (a replay
     * calls {@link #advanceTime} after each frame).
     */
    public void onFrame(RawFrame frame) {
        synchronized (stagesLock) {
            clockMicros = Math.max(clockMicros, frame.tsMicros);
            if (stages.isEmpty()) {
                return;
            }
            boolean connectionPoints = false;
            for (LocalStage s : stages.values()) {
                connectionPoints |= s.point().isConnection();
            }
            int points = router.route(frame, connectionPoints);
            for (LocalStage s : stages.values()) {
                if ((points & ObservationRouter.bit(s.point())) != 0) {
                    s.onFrame(frame);
                }
            }
        }
    }

    /** The agent's clock moved on (a live capture with no traffic, or another agent's packets in a replay). */
    public void advanceTime(long timeMicros) {
        synchronized (stagesLock) {
            clockMicros = Math.max(clockMicros, timeMicros);
            for (LocalStage s : stages.values()) {
                s.advanceTime(timeMicros);
            }
        }
    }

    /** The input ended: every stage reports its last windows. */
    public void finish() {
        synchronized (stagesLock) {
            for (LocalStage s : stages.values()) {
                s.finish();
            }
        }
    }

    /** The running local stages and their versions. */
    public Map<String, Long> installed() {
        synchronized (stagesLock) {
            return Map.copyOf(installed);
        }
    }

    /** Waits until at least {@code n} local stages run; false on timeout or when the streamer failed. */
    public boolean awaitInstalled(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (stagesLock) {
            while (installed.size() < n && failure == null) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                stagesLock.wait(Math.min(left, 100));
            }
            return installed.size() >= n;
        }
    }

    /**
     * Waits until the controller has welcomed this agent (so every query running then is installed) and at
     * least one local stage runs; false on timeout or when the streamer failed.
     */
    public boolean awaitReady(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (stagesLock) {
            while (!(welcomed && !installed.isEmpty()) && failure == null) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                stagesLock.wait(Math.min(left, 100));
            }
            return failure == null;
        }
    }

    /** Waits until the controller has acknowledged every partial; false on timeout. */
    public boolean awaitAllAcked(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (sendLock) {
            while (!unacked.isEmpty()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                sendLock.wait(left);
            }
            return true;
        }
    }

    /** Partials not acknowledged yet. */
    public int unacknowledged() {
        synchronized (sendLock) {
            return unacked.size();
        }
    }

    /** Partials numbered so far (each window of each query once). */
    public long partialsCut() {
        synchronized (sendLock) {
            return nextSequence - 1;
        }
    }

    /** Partial messages written to the wire, resends included. */
    public long partialsSent() {
        synchronized (sendLock) {
            return sent;
        }
    }

    /** Partials dropped unacknowledged because too many waited. */
    public long partialsDiscarded() {
        synchronized (sendLock) {
            return discarded;
        }
    }

    /** Streams opened to the controller so far. */
    public long connections() {
        synchronized (sendLock) {
            return connections;
        }
    }

    /** Why the streamer gave up (a refused token), or null. */
    public String failure() {
        return failure;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops dialing and closes the connection; unacknowledged partials are lost. */
    @Override
    public void close() {
        closed = true;
        synchronized (stagesLock) {
            stages.values().forEach(LocalStage::close);
        }
        synchronized (sendLock) {
            if (requests != null) {
                try {
                    requests.onCompleted();
                } catch (RuntimeException e) {
                    // Already broken: nothing to finish.
                }
                requests = null;
            }
        }
        channel.shutdownNow();
        connector.interrupt();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
            connector.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
