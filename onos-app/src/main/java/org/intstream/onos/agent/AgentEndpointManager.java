package org.intstream.onos.agent;

import static org.intstream.onos.agent.OsgiPropertyConstants.ACK_INTERVAL_MILLIS;
import static org.intstream.onos.agent.OsgiPropertyConstants.ACK_INTERVAL_MILLIS_DEFAULT;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_ADDRESS;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_ADDRESS_DEFAULT;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_PORT;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_PORT_DEFAULT;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_TLS_CERT;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_TLS_CERT_DEFAULT;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_TLS_KEY;
import static org.intstream.onos.agent.OsgiPropertyConstants.AGENT_TLS_KEY_DEFAULT;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.SslContext;
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
 *
 * <p>With {@code agentTlsCert} and {@code agentTlsKey} the port serves TLS (agents dial it with
 * {@code --tls-ca}). A TLS configuration that can't be used (one of the two missing, a file unreadable, a key
 * that is not the certificate's) leaves the endpoint down, never plain TCP: the operator asked that agents' tokens
 * and partials not cross in clear. The reason is logged and shown ({@link #problem()}, {@code intstream-agents});
 * the files are read again at each change of the properties.
 */
@Component(immediate = true, service = AgentEndpointService.class,
        property = {
            AGENT_PORT + ":Integer=" + AGENT_PORT_DEFAULT,
            AGENT_ADDRESS + "=" + AGENT_ADDRESS_DEFAULT,
            AGENT_TLS_CERT + "=" + AGENT_TLS_CERT_DEFAULT,
            AGENT_TLS_KEY + "=" + AGENT_TLS_KEY_DEFAULT,
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
    /** The PEM certificate chain (absolute path) the port serves TLS with; empty: plain TCP; unusable: port down. */
    private String agentTlsCert = AGENT_TLS_CERT_DEFAULT;
    /** The certificate's unencrypted PEM PKCS#8 private key (absolute path); empty: plain TCP. */
    private String agentTlsKey = AGENT_TLS_KEY_DEFAULT;

    private AgentStreamService agents;
    private Server server;
    private ScheduledExecutorService acks;
    /** Whether the server up now serves TLS. */
    private boolean tls;
    /** Why the endpoint is down, or null. */
    private String problem;

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

    /** A change of port, address, interval or TLS files (even the same names: renewed files) restarts it. */
    @Modified
    protected synchronized void modified(Map<String, Object> properties) {
        int oldPort = agentPort;
        String oldAddress = agentAddress;
        long oldInterval = ackIntervalMillis;
        String oldCert = agentTlsCert;
        String oldKey = agentTlsKey;
        read(properties);
        if (server == null || oldPort != agentPort || !oldAddress.equals(agentAddress)
                || oldInterval != ackIntervalMillis || !oldCert.equals(agentTlsCert) || !oldKey.equals(agentTlsKey)
                || !agentTlsCert.isEmpty()) {
            stop();
            start();
        }
    }

    @Override
    public synchronized int port() {
        return server == null ? -1 : server.getPort();
    }

    @Override
    public synchronized boolean tls() {
        return server != null && tls;
    }

    @Override
    public synchronized String problem() {
        return problem;
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
        agentTlsCert = path(properties, AGENT_TLS_CERT);
        agentTlsKey = path(properties, AGENT_TLS_KEY);
    }

    private static String path(Map<String, Object> properties, String name) {
        Object v = properties == null ? null : properties.get(name);
        return v == null ? "" : v.toString().trim();
    }

    /**
     * Binds the port; a port that can't be bound, or TLS files that can't be used, are logged and leave the
     * endpoint down until reconfigured.
     */
    private synchronized void start() {
        problem = null;
        InetSocketAddress bind;
        try {
            bind = new InetSocketAddress(InetAddress.getByName(agentAddress), agentPort);
        } catch (UnknownHostException e) {
            down(AGENT_ADDRESS + " '" + agentAddress + "' is not an address");
            return;
        }
        SslContext ssl = null;
        try {
            if (AgentEndpointTls.wanted(agentTlsCert, agentTlsKey)) {
                ssl = AgentEndpointTls.serverContext(agentTlsCert, agentTlsKey);
            }
        } catch (IllegalArgumentException e) {
            down(e.getMessage());
            return;
        }
        try {
            NettyServerBuilder netty = NettyServerBuilder.forAddress(bind);
            if (ssl != null) {
                netty.sslContext(ssl);
            }
            // Otherwise through ServerBuilder's API only: the bundle then needs nothing of gRPC's internals.
            ServerBuilder<?> builder = netty;
            server = builder.maxInboundMessageSize(MAX_MESSAGE_BYTES).addService(agents).build().start();
        } catch (IOException e) {
            server = null;
            down(bind + " can't be bound (" + e.getMessage() + ")");
            return;
        }
        tls = ssl != null;
        acks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "intstream-agent-acks");
            t.setDaemon(true);
            return t;
        });
        acks.scheduleWithFixedDelay(this::flushAcks, ackIntervalMillis, ackIntervalMillis, TimeUnit.MILLISECONDS);
        log.info("Agents dial {}:{}{}", agentAddress, server.getPort(), tls ? " over TLS (" + agentTlsCert + ")"
                : "");
    }

    private void down(String why) {
        problem = why;
        log.error("The agents' endpoint is down: {}", why);
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
