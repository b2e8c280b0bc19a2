package org.intstream.onos.agent;

import static org.intstream.onos.agent.OsgiPropertyConstants.ACK_INTERVAL_MILLIS;
import static org.intstream.onos.agent.OsgiPropertyConstants.ACK_INTERVAL_MILLIS_DEFAULT;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_ADDRESS;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_ADDRESS_DEFAULT;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_PORT;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_PORT_DEFAULT;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.intstream.onos.AgentEndpointService;
import org.intstream.onos.IntStreamRuntimeService;
import org.onosproject.cfg.ComponentConfigService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' endpoint: a gRPC server (ONOS's own gRPC and Netty transport, no second copy) serving
 * agent.proto's AgentService on a configurable port, feeding the controller core that ONOS runs; the
 * partials it takes are acknowledged on a timer. Changing the port or address restarts the server (the
 * agents reconnect and resend what was not acknowledged).
 */
@Component(immediate = true, service = AgentEndpointService.class,
        property = {
            AGENT_PORT + ":Integer=" + AGENT_PORT_DEFAULT,
            AGENT_ADDRESS + "=" + AGENT_ADDRESS_DEFAULT,
            ACK_INTERVAL_MILLIS + ":Long=" + ACK_INTERVAL_MILLIS_DEFAULT,
        })
public class AgentEndpointManager implements AgentEndpointService {
    /**
     * The largest message the endpoint takes, as host-agent's AgentStreamer.MAX_MESSAGE_BYTES (which agents
     * keep their partials under; this bundle can't depend on host-agent): gRPC's default of 4 MiB is less
     * than a busy host's window of packet timestamps.
     */
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    IntStreamRuntimeService runtime;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    ComponentConfigService cfgService;

    /** The TCP port agents dial; 0: any free one. */
    private int agentPort = AGENT_PORT_DEFAULT;
    /** The address the agents' port binds to. */
    private String agentAddress = AGENT_ADDRESS_DEFAULT;
    /** How often taken partials are acknowledged, ms. */
    private long ackIntervalMillis = ACK_INTERVAL_MILLIS_DEFAULT;

    private AgentStreamService agents;
    private Server server;
    private ScheduledExecutorService acks;

    @Activate
    protected void activate(Map<String, Object> properties) {
        cfgService.registerProperties(AgentEndpointManager.class);
        agents = new AgentStreamService(runtime.core());
        read(properties);
        start();
        log.info("Started");
    }

    @Deactivate
    protected void deactivate() {
        stop();
        cfgService.unregisterProperties(AgentEndpointManager.class, false);
        log.info("Stopped");
    }

    @Modified
    protected synchronized void modified(Map<String, Object> properties) {
        int oldPort = agentPort;
        String oldAddress = agentAddress;
        long oldInterval = ackIntervalMillis;
        read(properties);
        if (server == null || oldPort != agentPort || !oldAddress.equals(agentAddress)
                || oldInterval != ackIntervalMillis) {
            stop();
            start();
        }
    }

    @Override
    public synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    private void read(Map<String, Object> properties) {
        Object port = properties == null ? null : properties.get(AGENT_PORT);
        Object address = properties == null ? null : properties.get(AGENT_ADDRESS);
        Object interval = properties == null ? null : properties.get(ACK_INTERVAL_MILLIS);
        try {
            int p = port == null ? AGENT_PORT_DEFAULT : Integer.parseInt(port.toString().trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException("out of range");
            }
            agentPort = p;
        } catch (NumberFormatException e) {
            log.warn("{} must be a TCP port (0 for any), not '{}'; keeping {}", AGENT_PORT, port, agentPort);
        }
        if (address != null && !address.toString().isBlank()) {
            agentAddress = address.toString().trim();
        }
        try {
            long ms = interval == null ? ACK_INTERVAL_MILLIS_DEFAULT : Long.parseLong(interval.toString().trim());
            if (ms < 1) {
                throw new NumberFormatException("not positive");
            }
            ackIntervalMillis = ms;
        } catch (NumberFormatException e) {
            log.warn("{} must be a positive number of milliseconds, not '{}'; keeping {}", ACK_INTERVAL_MILLIS,
                    interval, ackIntervalMillis);
        }
    }

    /** Binds the port; a port that can't be bound is logged and leaves the endpoint down until reconfigured. */
    private synchronized void start() {
        InetSocketAddress bind;
        try {
            bind = new InetSocketAddress(InetAddress.getByName(agentAddress), agentPort);
        } catch (UnknownHostException e) {
            log.error("The agents' endpoint is down: {} '{}' is not an address", AGENT_ADDRESS, agentAddress);
            return;
        }
        try {
            // Through ServerBuilder's API only: the bundle then needs nothing of gRPC's internals.
            ServerBuilder<?> builder = NettyServerBuilder.forAddress(bind);
            server = builder.maxInboundMessageSize(MAX_MESSAGE_BYTES).addService(agents).build().start();
        } catch (IOException e) {
            server = null;
            log.error("The agents' endpoint is down: {} can't be bound ({})", bind, e.getMessage());
            return;
        }
        acks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "intstream-agent-acks");
            t.setDaemon(true);
            return t;
        });
        acks.scheduleWithFixedDelay(this::flushAcks, ackIntervalMillis, ackIntervalMillis, TimeUnit.MILLISECONDS);
        log.info("Agents dial {}:{}", agentAddress, server.getPort());
    }

    private void flushAcks() {
        try {
            agents.flushAcks();
        } catch (RuntimeException e) {
            log.warn("Acknowledging partials failed: {}", e.toString());
        }
    }

    private synchronized void stop() {
        if (acks != null) {
            acks.shutdownNow();
            acks = null;
        }
        if (server != null) {
            agents.closeAll();
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }
}
