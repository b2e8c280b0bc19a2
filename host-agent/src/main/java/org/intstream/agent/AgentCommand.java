package org.intstream.agent;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.intstream.agent.api.ClientAllowList;
import org.intstream.agent.api.IpLiteral;
import org.intstream.agent.api.MeasurementApiServer;
import org.intstream.agent.measure.CounterSettings;
import org.intstream.agent.probe.AgentProbers;
import org.intstream.agent.probe.ProbeLimits;
import org.intstream.agent.stream.AgentStreamer;
import org.intstream.agent.stream.HostAddresses;
import org.intstream.agent.stream.LiveStreaming;
import org.intstream.agent.stream.StreamerConfig;
import org.intstream.agent.stream.TraceStreaming;
import org.intstream.agent.tree.TreeConfig;
import org.intstream.agent.tree.TreeNode;
import org.intstream.query.type.IpAddress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agent}: runs the end-host measurement service on this host until the process is stopped (SIGINT,
 * SIGTERM). Usable on its own ({@link #main}) or as a subcommand of a larger picocli command.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run the end-host measurement agent: capture an interface, answer the seed's HTTP API "
                + "(form-encoded 'type=...' messages), measure bandwidth to other agents; with --controller, run "
                + "the local stages of the controller's queries over the interface (or a --trace replay) and "
                + "stream each window's partial results to it.",
        footer = {"", "Examples:", "  intstream agent --iface eth0 --http-port 8000",
            "  intstream agent --iface eth0 --controller 10.0.0.1:7070 --token s3cret",
            "  intstream agent --trace capture.pcap --controller 127.0.0.1:7070 --agent-id h1",
            "  intstream agent --iface eth0 --controller 10.0.0.1:7070 --tree-port 7071        # a tree's root",
            "  intstream agent --iface eth0 --parent 10.0.0.2:7071                             # its child"})
public final class AgentCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Option(names = {"--iface", "--interface"}, paramLabel = "IFACE",
            description = "Interface whose traffic the sketches (and the local stages) count, e.g. eth0.")
    private String iface;

    @Option(names = "--controller", paramLabel = "HOST:PORT",
            description = "Stream partial results of the controller's queries to it (the agent dials it).")
    private String controller;

    @Option(names = "--parent", paramLabel = "HOST:PORT",
            description = "Overlay tree: stream partial results to this parent agent's --tree-port instead of to the "
                    + "controller; the parent merges them with its own and its other children's and sends them up.")
    private String parent;

    @Option(names = "--tree-port", paramLabel = "PORT",
            description = "Overlay tree: accept child agents on this port (bound to --address); their partials are "
                    + "merged with this agent's before they go up, and this agent's measurement API answers for its "
                    + "whole subtree.")
    private Integer treePort;

    @Option(names = "--tree-grace-ms", paramLabel = "MS", defaultValue = "" + TreeConfig.GRACE_MILLIS_DEFAULT,
            description = "With --tree-port: how long a window waits for a missing child before it goes up marked "
                    + "partial (default: ${DEFAULT-VALUE}); keep it below the controller's --grace-ms.")
    private long treeGraceMillis;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "Dial the controller (or --parent) over TLS, trusting the PEM CA certificate(s) in FILE.")
    private Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "With --tree-port: serve children over TLS with this PEM certificate chain.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "With --tree-port: the PEM (PKCS#8) private key of --tls-cert.")
    private Path tlsKey;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "",
            description = "The controller's shared secret.")
    private String token;

    @Option(names = "--agent-id", paramLabel = "ID",
            description = "This agent's id at the controller, stable across restarts (default: host name, "
                    + "plus the interface or trace).")
    private String agentId;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Replay a pcap/pcapng file through the local stages instead of capturing (needs "
                    + "--controller; no HTTP API then). Exits once the controller has every window.")
    private Path trace;

    @Option(names = "--host-address", paramLabel = "ADDR",
            description = "With --trace: an address of the host the trace was captured on; repeatable. Packets "
                    + "from it are the host's outgoing traffic, packets to it its incoming traffic, so each local "
                    + "stage gets the side its observation point needs. Without it every replayed packet is "
                    + "taken as both sent and received here (the trace is exactly this agent's share). A live "
                    + "capture knows each packet's direction and needs none.")
    private List<String> hostAddresses = new ArrayList<>();

    @Option(names = "--install-wait-ms", paramLabel = "MS", defaultValue = "30000",
            description = "With --trace: how long to wait for the controller's queries before replaying "
                    + "(default: ${DEFAULT-VALUE}).")
    private long installWaitMillis;

    @Option(names = "--address", defaultValue = "0.0.0.0", paramLabel = "ADDR",
            description = "Address the API and the probe listener bind to (default: ${DEFAULT-VALUE}).")
    private String address;

    @Option(names = {"--http-port", "--port"}, defaultValue = "" + MeasurementApiServer.DEFAULT_PORT,
            description = "API port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--allow", defaultValue = "127.0.0.0/8,::1", paramLabel = "PREFIXES",
            description = "Comma-separated addresses or prefixes of the clients allowed to use the API "
                    + "(default: ${DEFAULT-VALUE}).")
    private String allow;

    @Option(names = "--probe-port", defaultValue = "" + AgentConfig.DEFAULT_PROBE_PORT,
            description = "Port of the bandwidth probe listener, the same on every agent (default: ${DEFAULT-VALUE}).")
    private int probePort;

    @Option(names = "--probe-allow", paramLabel = "PREFIXES",
            description = "Peers allowed to send bandwidth probes (default: the --allow list).")
    private String probeAllow;

    @Option(names = "--probe-max-bytes", paramLabel = "BYTES",
            description = "Most bytes one bandwidth probe sends (default: 268435456).")
    private long probeMaxBytes = ProbeLimits.DEFAULTS.maxBytes();

    @Option(names = "--probe-max-millis", paramLabel = "MS",
            description = "Longest a bandwidth probe sends, in ms (default: 2000).")
    private long probeMaxMillis = ProbeLimits.DEFAULTS.maxMillis();

    @Option(names = "--heavy-hitter-fraction", paramLabel = "FRACTION",
            description = "Share of a counter's total that makes a key a heavy hitter, and the lowest threshold "
                    + "a query may ask for (default: 0.01).")
    private double heavyHitterFraction = CounterSettings.DEFAULTS.heavyHitterFraction();

    @Option(names = "--real-time-interval-ms", paramLabel = "MS",
            description = "How far back real-time counters look (default: 1000).")
    private long realTimeMillis = CounterSettings.DEFAULTS.realTimeWindowMicros() / 1000;

    @Option(names = "--sketch-rows", description = "Rows of each count-min sketch, 1 to 3 (default: 3).")
    private int sketchRows = CounterSettings.DEFAULTS.rows();

    @Option(names = "--sketch-width", description = "Cells per row, a power of two up to 65536 (default: 4096).")
    private int sketchWidth = CounterSettings.DEFAULTS.width();

    @Option(names = "--max-sketches", description = "Most sketches the agent holds (default: 64).")
    private int maxSketches = CounterSettings.DEFAULTS.maxSketches();

    @Option(names = "--keep-offloads",
            description = "Leave GRO/GSO/TSO/LRO as they are (counts may then not match the wire).")
    private boolean keepOffloads;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the agent from a command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }

    /** Checks the options and builds the agent's configuration; bad values are named in the exception. */
    AgentConfig config() {
        try {
            ClientAllowList allowList = ClientAllowList.parse(allow);
            ClientAllowList probeAllowList = probeAllow == null ? allowList : ClientAllowList.parse(probeAllow);
            CounterSettings counters = CounterSettings.DEFAULTS.withSketchShape(sketchRows, sketchWidth)
                    .withHeavyHitterFraction(heavyHitterFraction).withRealTimeIntervalMillis(realTimeMillis)
                    .withMaxSketches(maxSketches);
            return new AgentConfig(literal(address), port, allowList, iface, probePort, probeAllowList,
                    new ProbeLimits(probeMaxBytes, probeMaxMillis), counters, !keepOffloads);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static InetAddress literal(String text) {
        try {
            return IpLiteral.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--address: " + e.getMessage(), e);
        }
    }

    /** Checks how the agent reaches its controller; null without --controller. */
    StreamerConfig streamerConfig() {
        if (iface == null && trace == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "name an --iface to capture or a --trace "
                    + "to replay");
        }
        if (iface != null && trace != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iface and --trace exclude each other");
        }
        String upstream = parent != null ? parent : controller;
        if (upstream == null) {
            if (trace != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--trace needs --controller or --parent");
            }
            if (tlsCa != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--tls-ca is for dialing --controller or "
                        + "--parent");
            }
            return null;
        }
        if (!hostAddresses.isEmpty() && trace == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--host-address is for --trace; a live "
                    + "capture knows each packet's direction");
        }
        if (trace != null && !Files.isReadable(trace)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--trace: can't read " + trace);
        }
        try {
            String[] hp = StreamerConfig.hostAndPort(upstream, parent != null ? "--parent" : "--controller");
            String where = iface != null ? iface : trace.getFileName().toString();
            String id = agentId != null ? agentId : hostName() + "/" + where;
            long observedFrom = trace != null ? Long.MIN_VALUE : LiveStreaming.nowMicros();
            if (tlsCa != null) {
                org.intstream.agent.stream.StreamTls.client(tlsCa);
            }
            return new StreamerConfig(hp[0], Integer.parseInt(hp[1]), id, token, hostName() + "/" + where,
                    observedFrom, 100, 10_000, tlsCa);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Checks how the agent serves its children in the overlay tree; null without --tree-port. */
    TreeConfig treeConfig(StreamerConfig streaming) {
        if (treePort == null) {
            if (tlsCert != null || tlsKey != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--tls-cert and --tls-key are for "
                        + "serving children on --tree-port");
            }
            // A child without children keeps its parent's sketches and answers for them.
            return parent == null ? null : TreeConfig.leaf(streaming.agentId());
        }
        try {
            String id = streaming != null ? streaming.agentId()
                    : agentId != null ? agentId : hostName() + "/" + (iface != null ? iface : "agent");
            TreeConfig tree = new TreeConfig(id, token, literal(address), treePort, treeGraceMillis,
                    TreeConfig.FORGET_MILLIS_DEFAULT, TreeConfig.API_BUDGET_MILLIS_DEFAULT, tlsCert, tlsKey);
            if (tlsCert != null) {
                org.intstream.agent.stream.StreamTls.server(tlsCert, tlsKey);
            }
            return tree;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The --host-address values, or every address when none is given. */
    HostAddresses hostAddresses() {
        if (hostAddresses.isEmpty()) {
            return HostAddresses.EVERY;
        }
        List<IpAddress> parsed = new ArrayList<>();
        for (String text : hostAddresses) {
            IpAddress a = IpAddress.tryParse(text.strip());
            if (a == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--host-address: '" + text
                        + "' is not an IPv4 or IPv6 address");
            }
            parsed.add(a);
        }
        return HostAddresses.of(parsed);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public Integer call() throws Exception {
        StreamerConfig streaming = streamerConfig();
        TreeConfig treeConfig = treeConfig(streaming);
        if (trace != null) {
            return replay(streaming, treeConfig);
        }
        AgentConfig config = config();
        CountDownLatch stopped = new CountDownLatch(1);
        TreeNode tree = treeConfig == null ? null : TreeNode.start(treeConfig, AgentCommand::log);
        MeasurementAgent agent;
        try {
            // The streams to upstream and from children are the agent's own traffic: not measured.
            List<Integer> streams = new ArrayList<>();
            if (streaming != null) {
                streams.add(streaming.port());
            }
            if (tree != null && tree.port() > 0) {
                streams.add(tree.port());
            }
            agent = MeasurementAgent.start(config, AgentCommand::log,
                    tree == null ? (table, api) -> api : tree::front, streams);
        } catch (java.io.IOException | RuntimeException e) {
            if (tree != null) {
                tree.close();
            }
            throw e;
        }
        AgentStreamer streamer;
        LiveStreaming live;
        if (streaming != null) {
            AgentProbers.configure(streaming.agentId(), agent.probePort());
            LiveStreaming[] capture = new LiveStreaming[1];
            streamer = AgentStreamer.start(streaming, HostAddresses.EVERY,
                    () -> capture[0] == null ? 0 : capture[0].drops(), AgentCommand::log, tree);
            if (tree != null) {
                tree.attach(streamer);
            }
            try {
                live = new LiveStreaming(iface,
                        direction -> OwnTrafficFilter.forDirection(direction, agent.apiPort(), agent.probePort()),
                        streaming.port(), tree == null ? -1 : tree.port(), streamer, AgentCommand::log);
            } catch (java.io.IOException | RuntimeException e) {
                streamer.close();
                agent.close();
                if (tree != null) {
                    tree.close();
                }
                throw e;
            }
            capture[0] = live;
        } else {
            streamer = null;
            live = null;
        }
        Thread hook = new Thread(() -> {
            if (live != null) {
                live.close();
            }
            if (streamer != null) {
                streamer.close();
            }
            if (tree != null) {
                tree.close();
            }
            agent.close();
            log("agent stopped");
            stopped.countDown();
        }, "agent-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }

    /** --trace: waits for the controller's queries, replays the file, and waits until every window is taken. */
    private int replay(StreamerConfig streaming, TreeConfig treeConfig) throws Exception {
        TreeNode tree = treeConfig == null ? null : TreeNode.start(treeConfig, AgentCommand::log);
        try (AgentStreamer streamer = AgentStreamer.start(streaming, hostAddresses(), () -> 0, AgentCommand::log,
                tree)) {
            if (tree != null) {
                tree.attach(streamer);
            }
            if (!streamer.awaitReady(installWaitMillis)) {
                if (streamer.failure() == null) {
                    log("no query from the controller within " + installWaitMillis + " ms; nothing to replay");
                }
                return 1;
            }
            long frames = TraceStreaming.replay(trace, streamer);
            log("replayed " + frames + " frames of " + trace + " for " + streamer.installed().keySet());
            if (!streamer.awaitAllAcked(30_000)) {
                log(streamer.unacknowledged() + " partials not acknowledged by the controller within 30 s");
                return 1;
            }
            log("the controller has every window (" + streamer.partialsCut() + " partials)");
            return 0;
        } finally {
            if (tree != null) {
                tree.close();
            }
        }
    }

    private static synchronized void log(String line) {
        System.err.println(LocalTime.now().format(TIME) + " agent: " + line);
        System.err.flush();
    }
}
