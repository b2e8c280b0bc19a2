package org.intstream.standalone.server;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.controller.dataplane.ReplayClock;
import org.intstream.controller.dataplane.SwitchClock;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.runtime.ControllerCore;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.controller.store.QueryStore;
import org.intstream.controller.store.SimpleQueryStore;

/**
 * The standalone controller: the core, the agents' gRPC service, the REST API, and the switches it
 * programs over P4Runtime. A timer reads the switches' ended epochs, publishes windows whose grace has
 * passed and sends the agents their acknowledgements.
 */
public final class ControllerServer implements AutoCloseable {
    private final ControllerCore core;
    private final AgentStreamService agents;
    private final Server grpc;
    private final RestApi rest;
    private final ScheduledExecutorService timer;
    private final List<P4SwitchLink> switches = new CopyOnWriteArrayList<>();

    private ControllerServer(ControllerCore core, AgentStreamService agents, Server grpc, RestApi rest,
            ScheduledExecutorService timer) {
        this.core = core;
        this.agents = agents;
        this.grpc = grpc;
        this.rest = rest;
        this.timer = timer;
    }

    /**
     * Starts the servers.
     *
     * @param agentPort the agents' gRPC port (0: any free one)
     * @param httpPort the REST port (0: any free one)
     * @param ackIntervalMillis how often acknowledgements are sent
     * @throws IOException when a port can't be bound
     */
    public static ControllerServer start(ControllerSettings settings, InetAddress address, int agentPort,
            InetAddress httpAddress, int httpPort, long ackIntervalMillis, Consumer<String> log) throws IOException {
        return start(settings, new SimpleQueryStore(), address, agentPort, httpAddress, httpPort, ackIntervalMillis,
                log);
    }

    /**
     * Starts the servers with the queries kept in {@code store}: those stored are deployed again before any
     * agent can connect, so each agent gets them installed when it (re)connects.
     */
    public static ControllerServer start(ControllerSettings settings, QueryStore store, InetAddress address,
            int agentPort, InetAddress httpAddress, int httpPort, long ackIntervalMillis, Consumer<String> log)
            throws IOException {
        return start(settings, store, address, agentPort, httpAddress, httpPort, ackIntervalMillis, log, null);
    }

    /**
     * As above, the agents' port serving TLS with {@code agentTls} ({@code StreamTls.server}); null for plain TCP.
     *
     * @throws IllegalArgumentException when the TLS certificate or key can't be used
     */
    public static ControllerServer start(ControllerSettings settings, QueryStore store, InetAddress address,
            int agentPort, InetAddress httpAddress, int httpPort, long ackIntervalMillis, Consumer<String> log,
            io.grpc.ServerCredentials agentTls) throws IOException {
        ControllerCore core = new ControllerCore(settings, System::currentTimeMillis, store);
        for (String problem : core.restoreProblems()) {
            log.accept(problem);
        }
        AgentStreamService agents = new AgentStreamService(core, log);
        InetSocketAddress agentAddress = new InetSocketAddress(address, agentPort);
        Server grpc;
        try {
            grpc = (agentTls == null ? NettyServerBuilder.forAddress(agentAddress)
                    : NettyServerBuilder.forAddress(agentAddress, agentTls))
                    .maxInboundMessageSize(AgentStreamer.MAX_MESSAGE_BYTES).addService(agents).build().start();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-cert/--tls-key: " + e.getMessage(), e);
        }
        RestApi rest;
        try {
            rest = RestApi.start(core, new InetSocketAddress(httpAddress, httpPort));
        } catch (IOException | RuntimeException e) {
            grpc.shutdownNow();
            throw e;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "controller-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> run(core::tick, log), 100, 100, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> run(agents::flushAcks, log), ackIntervalMillis, ackIntervalMillis,
                TimeUnit.MILLISECONDS);
        return new ControllerServer(core, agents, grpc, rest, timer);
    }

    private static void run(Runnable task, Consumer<String> log) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.accept("controller timer: " + e);
        }
    }

    public ControllerCore core() {
        return core;
    }

    public int agentPort() {
        return grpc.getPort();
    }

    public int httpPort() {
        return rest.port();
    }

    /**
     * Connects to a switch, prepares it (calibrating its clock when its spec says so) and adds it as an
     * observation point, its clock followed as its spec says: the wall clock, or for a replaying soft switch the
     * reports' timestamps ({@link ReplayClock}).
     *
     * @param readDelayMillis how long after an epoch's end the switch's counters are read
     * @throws IOException when the shipped pipeline can't be read
     * @throws RuntimeException when the switch can't be reached, refuses the pipeline or can't be calibrated
     */
    public SwitchRuntime addSwitch(SwitchSpec spec, long readDelayMillis) throws IOException {
        return addSwitch(spec, null, readDelayMillis);
    }

    /**
     * As {@link #addSwitch(SwitchSpec, long)} with the switch's clock given (a replay driven in this JVM); null
     * for the clock its spec says.
     */
    public SwitchRuntime addSwitch(SwitchSpec spec, SwitchClock clock, long readDelayMillis) throws IOException {
        P4SwitchLink link = P4SwitchLink.connect(spec, System.currentTimeMillis(), core::onSwitchReport);
        try {
            SwitchRuntime sw = core.addSwitch(link, clock != null ? clock : link.clock(), readDelayMillis);
            switches.add(link);
            return sw;
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** Sends every agent the acknowledgements due now. */
    public void flushAcks() {
        agents.flushAcks();
    }

    /** Ends an agent's stream as a lost connection would; false when it isn't connected. */
    public boolean disconnect(String agentId) {
        return agents.disconnect(agentId);
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        rest.close();
        for (P4SwitchLink link : switches) {
            link.close();
        }
        grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
