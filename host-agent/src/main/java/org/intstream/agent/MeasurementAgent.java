package org.intstream.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.intstream.agent.api.MeasurementApi;
import org.intstream.agent.api.MeasurementApiServer;
import org.intstream.agent.api.MessageHandler;
import org.intstream.agent.capture.CaptureDirection;
import org.intstream.agent.capture.CaptureOptions;
import org.intstream.agent.capture.LiveCaptureSource;
import org.intstream.agent.capture.NicOffloads;
import org.intstream.agent.measure.SketchTable;
import org.intstream.agent.probe.BandwidthProbe;
import org.intstream.agent.probe.BandwidthProbeListener;
import org.intstream.engine.packet.Packet;
import org.intstream.engine.packet.PacketDecoder;
import org.intstream.engine.packet.PointTable;

/**
 * The end-host measurement service of one host: captures its interface in each direction, counts what the
 * configured sketches ask for, answers the seed's HTTP API, and sends and receives bandwidth probes.
 * {@link #start} brings everything up or nothing; {@link #close} takes it all down.
 */
public final class MeasurementAgent implements AutoCloseable {
    /** Enough for every header the counters read (Ethernet, VLAN tags, IPv4 with options, TCP/UDP ports). */
    private static final int SNAPLEN = 256;

    private final AgentConfig config;
    private final Consumer<String> log;
    private final SketchTable table;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Thread> captureThreads = new ArrayList<>();
    private final List<LiveCaptureSource> captures = new ArrayList<>();
    private final java.util.function.BiFunction<SketchTable, MeasurementApi, MessageHandler> front;
    private final List<Integer> streamPorts;
    private MeasurementApiServer server;
    private BandwidthProbeListener probeListener;

    private MeasurementAgent(AgentConfig config, Consumer<String> log,
            java.util.function.BiFunction<SketchTable, MeasurementApi, MessageHandler> front, List<Integer> streamPorts) {
        this.config = config;
        this.log = log;
        this.front = front;
        this.streamPorts = List.copyOf(streamPorts);
        this.table = new SketchTable(config.counters(), MeasurementAgent::nowMicros);
    }

    /**
     * Starts an agent.
     *
     * @param log receives one line per notable event (start, configuration, refusals, failures)
     * @throws IOException when the interface cannot be captured, offloads cannot be turned off, or a port
     *     cannot be bound; the message says which
     */
    public static MeasurementAgent start(AgentConfig config, Consumer<String> log) throws IOException {
        return start(config, log, (table, api) -> api);
    }

    /**
     * Starts an agent whose API messages go through {@code front} (an overlay-tree parent answers for its
     * subtree), which gets the agent's sketch table and its own API.
     */
    public static MeasurementAgent start(AgentConfig config, Consumer<String> log,
            java.util.function.BiFunction<SketchTable, MeasurementApi, MessageHandler> front) throws IOException {
        return start(config, log, front, List.of());
    }

    /**
     * As above, also leaving the agent's streams out of the sketches: TCP to or from {@code streamPorts} (the
     * controller's or parent's port it dials, the port its overlay-tree children dial).
     */
    public static MeasurementAgent start(AgentConfig config, Consumer<String> log,
            java.util.function.BiFunction<SketchTable, MeasurementApi, MessageHandler> front, List<Integer> streamPorts)
            throws IOException {
        MeasurementAgent agent = new MeasurementAgent(config, log, front, streamPorts);
        try {
            agent.open();
            return agent;
        } catch (IOException | RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    private void open() throws IOException {
        if (config.disableOffloads()) {
            NicOffloads.disable(config.iface());
        }
        probeListener = new BandwidthProbeListener(config.address(), config.probePort(), config.probeAllowList(),
                config.probeLimits(), log);
        resources.add(probeListener);
        BandwidthProbe probe = new BandwidthProbe(probeListener.port(), config.probeLimits());
        MeasurementApi api = new MeasurementApi(table, probe, MeasurementAgent::isLocalAddress, log);
        server = new MeasurementApiServer(config.address(), config.apiPort(), config.allowList(),
                front.apply(table, api), log);
        resources.add(server);
        // Captures open after the ports are known, so their filters leave exactly this agent's traffic out.
        PointTable points = new PointTable();
        for (CaptureDirection direction : new CaptureDirection[] {CaptureDirection.IN, CaptureDirection.OUT}) {
            CaptureOptions options = CaptureOptions.DEFAULTS.withSnaplen(SNAPLEN).withDirection(direction)
                    .withFilter(withoutStreams(OwnTrafficFilter.forDirection(direction, apiPort(), probePort())));
            LiveCaptureSource source = new LiveCaptureSource(config.iface(), options, points,
                    "agent/" + config.iface() + "/" + direction.name().toLowerCase(java.util.Locale.ROOT));
            captures.add(source);
            resources.add(source);
        }
        for (LiveCaptureSource source : captures) {
            Thread thread = new Thread(() -> capture(source), "capture-" + source.name());
            thread.setDaemon(true);
            captureThreads.add(thread);
            thread.start();
        }
        log.accept("agent serving the measurement API on " + format(server.address()) + " for " + config.allowList()
                + ", bandwidth probes on port " + probeListener.port() + " for " + config.probeAllowList()
                + ", counting " + config.iface() + " with " + config.counters());
    }

    private String withoutStreams(String filter) {
        if (streamPorts.isEmpty()) {
            return filter;
        }
        List<String> ports = new ArrayList<>();
        streamPorts.forEach(p -> ports.add("tcp port " + p));
        return "(" + filter + ") and not (" + String.join(" or ", ports) + ")";
    }

    private void capture(LiveCaptureSource source) {
        PacketDecoder decoder = new PacketDecoder();
        Packet packet = new Packet();
        try {
            source.run(frame -> {
                decoder.decode(frame, packet);
                table.offer(packet);
            });
        } catch (IOException | RuntimeException e) {
            log.accept("capture " + source.name() + " stopped: " + e.getMessage());
        }
    }

    private static String format(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** The current time in microseconds on the capture's clock (the system clock). */
    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    /** True when an address belongs to one of this host's interfaces (in this network namespace). */
    static boolean isLocalAddress(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    public int apiPort() {
        return server.address().getPort();
    }

    public int probePort() {
        return probeListener.port();
    }

    public SketchTable table() {
        return table;
    }

    /** Libpcap's drop counts of both captures so far, in and out. */
    public long capturedDrops() {
        long drops = 0;
        for (LiveCaptureSource source : captures) {
            source.readCaptureCounters();
            drops += source.stats().droppedByCapture() + source.stats().droppedByInterface();
        }
        return drops;
    }

    /** Stops the API, the probe listener and the captures; safe to call more than once. */
    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.accept("while stopping: " + e.getMessage());
            }
        }
        resources.clear();
        for (Thread thread : captureThreads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        captureThreads.clear();
    }
}
