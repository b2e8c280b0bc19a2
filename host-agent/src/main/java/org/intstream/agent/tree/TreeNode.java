package org.intstream.agent.tree;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.intstream.agent.api.MeasurementApi;
import org.intstream.agent.api.MessageHandler;
import org.intstream.agent.measure.SketchTable;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.StreamRelay;
import org.intstream.agent.stream.StreamTls;
import org.intstream.proto.agent.ControllerMessage;
import org.intstream.proto.agent.Install;
import org.intstream.proto.agent.Partial;
import org.intstream.proto.agent.Remove;
import org.intstream.proto.agent.SketchSnapshot;

/**
 * An agent's place in the overlay tree as a parent: it serves its children's streams, passes its upstream's
 * installs and removes down to them, merges their windows with its own into one partial per window for its
 * whole subtree ({@link SubtreeWindows}) and sends that up through its own streamer, and keeps the measurement
 * sketches of its subtree configured and answerable ({@link TreeSketches}, {@link SubtreeMeasurementApi}).
 * Without an upstream (a root that only answers the measurement API), nothing goes up. A leaf (a child with no
 * children of its own: no port) serves nothing and sends its windows up as they are; it only keeps its parent's
 * sketches and answers for them.
 */
public final class TreeNode implements StreamRelay, AutoCloseable {
    private final TreeConfig config;
    private final Consumer<String> log;
    private final ChildStreamService children;
    private final SubtreeWindows windows;
    private final TreeSketches sketches;
    private final Map<String, Install> installs = new LinkedHashMap<>();
    private final Server server;
    private final ScheduledExecutorService timer;
    private final ExecutorService answers;
    private volatile AgentStreamer upstream;

    private TreeNode(TreeConfig config, Consumer<String> log) throws IOException {
        this.config = config;
        this.log = log;
        this.sketches = new TreeSketches(config.agentId(), log);
        this.children = new ChildStreamService(config.token(), config.forgetMillis(), new Children(), log);
        this.windows = new SubtreeWindows(config.agentId(), config.graceMillis(), this::sendUp, children::ack, log);
        sketches.attach(children);
        try {
            this.server = config.isLeaf() ? null : serve(config, children);
        } catch (IOException e) {
            throw new IOException("can't serve children on " + config.address().getHostAddress() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-cert/--tls-key: " + e.getMessage(), e);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tree-timer-" + config.agentId()));
        this.answers = Executors.newCachedThreadPool(r -> daemon(r, "tree-sketch-answer-" + config.agentId()));
        timer.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    private static Server serve(TreeConfig config, ChildStreamService children) throws IOException {
        InetSocketAddress bind = new InetSocketAddress(config.address(), config.port());
        NettyServerBuilder builder = config.tlsCert() == null ? NettyServerBuilder.forAddress(bind)
                : NettyServerBuilder.forAddress(bind, StreamTls.server(config.tlsCert(), config.tlsKey()));
        return builder.maxInboundMessageSize(AgentStreamer.MAX_MESSAGE_BYTES).addService(children).build().start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts serving children.
     *
     * @throws IOException when the port can't be bound
     * @throws IllegalArgumentException when the TLS files can't be used
     */
    public static TreeNode start(TreeConfig config, Consumer<String> log) throws IOException {
        TreeNode node = new TreeNode(config, log);
        if (!config.isLeaf()) {
            log.accept("serving children on " + config.address().getHostAddress() + ":" + node.port()
                    + (config.tlsCert() == null ? "" : " over TLS"));
        }
        return node;
    }

    /** The streamer this agent sends its subtree's partials up with (to the controller or its own parent). */
    public void attach(AgentStreamer streamer) {
        this.upstream = streamer;
    }

    /** This agent's own measurement sketches (a live agent's; tests give one directly). */
    public void attach(SketchTable table) {
        sketches.attach(table);
    }

    /** The API of this agent in front of its own: for {@code MeasurementAgent.start}; a leaf's is its own. */
    public MessageHandler front(SketchTable table, MeasurementApi api) {
        attach(table);
        return config.isLeaf() ? api : new SubtreeMeasurementApi(api, sketches, config.apiBudgetMillis());
    }

    /** The children's port; -1 for a leaf. */
    public int port() {
        return server == null ? -1 : server.getPort();
    }

    /** The children connected now. */
    public Set<String> children() {
        return children.connected();
    }

    /** Ends a child's stream as a lost connection would; false when it isn't connected. */
    public boolean disconnect(String child) {
        return children.disconnect(child);
    }

    /** Windows waiting for members. */
    public int pendingWindows() {
        return windows.pendingWindows();
    }

    /** The members a window waits for now: this agent and its children, connected or lost recently. */
    private Set<String> expected(long nowMillis) {
        Set<String> members = new TreeSet<>(children.expected(nowMillis));
        members.add(config.agentId());
        return members;
    }

    private void tick() {
        try {
            windows.expire(expected(System.currentTimeMillis()), System.currentTimeMillis());
            children.flushAcks();
        } catch (RuntimeException e) {
            log.accept("tree timer: " + e);
        }
    }

    private long sendUp(Partial.Builder merged) {
        AgentStreamer s = upstream;
        return s == null ? -1 : s.sendUp(merged);
    }

    @Override
    public void fromUpstream(ControllerMessage m) {
        switch (m.getBodyCase()) {
            case INSTALL -> {
                synchronized (installs) {
                    installs.put(m.getInstall().getQuery(), m.getInstall());
                }
                windows.install(m.getInstall());
                children.broadcast(m);
            }
            case REMOVE -> {
                synchronized (installs) {
                    installs.remove(m.getRemove().getQuery());
                }
                windows.remove(m.getRemove().getQuery());
                children.broadcast(m);
            }
            case SKETCH_CONFIG -> sketches.applyFromParent(m.getSketchConfig());
            case SKETCH_QUERY -> answers.execute(() -> {
                SketchSnapshot s = sketches.answer(m.getSketchQuery());
                AgentStreamer up = upstream;
                if (up != null) {
                    up.sendSnapshot(s);
                }
            });
            default -> log.accept("ignored an upstream message of kind " + m.getBodyCase());
        }
    }

    @Override
    public void welcomed(Set<String> running) {
        List<String> gone = new ArrayList<>();
        synchronized (installs) {
            for (String q : new ArrayList<>(installs.keySet())) {
                if (!running.contains(q)) {
                    installs.remove(q);
                    gone.add(q);
                }
            }
        }
        for (String q : gone) {
            windows.remove(q);
            children.broadcast(ControllerMessage.newBuilder().setRemove(Remove.newBuilder().setQuery(q)).build());
        }
        sketches.parentWelcomed();
    }

    @Override
    public void ownPartial(Partial partial) {
        if (server == null) {
            sendUp(partial.toBuilder());
            return;
        }
        long now = System.currentTimeMillis();
        windows.accept(config.agentId(), partial, -1, expected(now), now);
    }

    @Override
    public void acknowledged(long sequence) {
        windows.upstreamAcknowledged(sequence);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        answers.shutdownNow();
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the children's streams ask of this agent. */
    private final class Children implements ChildStreamService.Parent {
        @Override
        public List<ControllerMessage> joinMessages() {
            List<ControllerMessage> out = new ArrayList<>();
            synchronized (installs) {
                for (Install in : installs.values()) {
                    out.add(ControllerMessage.newBuilder().setInstall(in).build());
                }
            }
            out.addAll(sketches.allConfigs());
            return out;
        }

        @Override
        public void partial(String child, Partial p, long nowMillis) {
            windows.accept(child, p, p.getSequence(), expected(nowMillis), nowMillis);
        }

        @Override
        public void snapshot(String child, SketchSnapshot s) {
            sketches.onSnapshot(child, s);
        }
    }
}
