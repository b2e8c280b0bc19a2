package org.intstream.agent;

import java.net.InetAddress;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.intstream.agent.api.ClientAllowList;
import org.intstream.agent.api.IpLiteral;
import org.intstream.agent.api.MeasurementApiServer;
import org.intstream.agent.measure.CounterSettings;
import org.intstream.agent.probe.ProbeLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agent}: runs the end-host measurement service on this host until the process is stopped (SIGINT,
 * SIGTERM). Usable on its own ({@link #main}) or as a subcommand of a larger picocli command.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run the end-host measurement agent: capture an interface, answer the seed's HTTP API "
                + "(form-encoded 'type=...' messages), measure bandwidth to other agents.")
public final class AgentCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Option(names = {"--iface", "--interface"}, required = true, paramLabel = "IFACE",
            description = "Interface whose traffic the sketches count, e.g. eth0.")
    private String iface;

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

    @Override
    public Integer call() throws Exception {
        AgentConfig config = config();
        CountDownLatch stopped = new CountDownLatch(1);
        MeasurementAgent agent = MeasurementAgent.start(config, AgentCommand::log);
        Thread hook = new Thread(() -> {
            agent.close();
            log("agent stopped");
            stopped.countDown();
        }, "agent-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }

    private static synchronized void log(String line) {
        System.err.println(LocalTime.now().format(TIME) + " agent: " + line);
        System.err.flush();
    }
}
