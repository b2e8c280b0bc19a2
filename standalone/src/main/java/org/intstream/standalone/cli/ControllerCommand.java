package org.intstream.standalone.cli;

import java.net.InetAddress;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.nio.file.Path;
import java.util.List;
import org.intstream.controller.dataplane.SwitchRuntime;
import org.intstream.controller.runtime.ControllerSettings;
import org.intstream.controller.store.QueryStore;
import org.intstream.controller.store.SimpleQueryStore;
import org.intstream.controller.store.StoreException;
import org.intstream.standalone.server.FileQueryStore;
import org.intstream.standalone.server.JsonLinesPublisher;
import org.intstream.standalone.server.SwitchSpec;
import org.intstream.standalone.server.ControllerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code intstream controller}: the standalone controller, until the process is stopped. */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = "Run the standalone controller: agents dial it (gRPC) and stream partial results, it merges "
                + "them per window and runs each query's global stage; a REST API submits, lists and removes "
                + "queries and serves results and Prometheus metrics. With --switch it programs switches running "
                + "intstream.p4 over P4Runtime and merges their keys and counts with the agents'.",
        footer = {"", "Example:", "  intstream controller --port 7070 --token s3cret --http-port 8080 --state-dir /var/lib/intstream",
            "  intstream agent --trace t.pcap --controller 127.0.0.1:7070 --token s3cret",
            "  intstream submit port_scan --param threshold=20",
            "  intstream controller --switch s1=127.0.0.1:9559@1 --switch-edge s1=1 --switch-clock s1=replay:t.pcap"})
public final class ControllerCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Option(names = "--port", defaultValue = "7070", description = "Agents' gRPC port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--address", defaultValue = "0.0.0.0", description = "Address the agents' port binds to "
            + "(default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--http-port", defaultValue = "8080", description = "REST port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-address", defaultValue = "127.0.0.1", description = "Address the REST API binds to "
            + "(default: ${DEFAULT-VALUE}: this host only).")
    String httpAddress;

    @Option(names = "--token", defaultValue = "", description = "Shared secret agents must present.")
    String token;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve the agents' port over TLS with this PEM certificate chain (agents then need --tls-ca).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM (PKCS#8) private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--grace-ms", defaultValue = "" + ControllerSettings.GRACE_MILLIS_DEFAULT,
            description = "How long a window waits for missing agents before it is published partial "
                    + "(default: ${DEFAULT-VALUE}).")
    long graceMillis;

    @Option(names = "--forget-agent-ms", defaultValue = "" + ControllerSettings.FORGET_AFTER_MILLIS_DEFAULT,
            description = "How long a disconnected agent is still waited for (default: ${DEFAULT-VALUE}).")
    long forgetMillis;

    @Option(names = "--observe", paramLabel = "by-key|sender", defaultValue = "by-key",
            converter = ObserveSides.class,
            description = "Where agents observe each query: by-key (default) observes a per-destination query at "
                    + "the receiving host, so its threshold runs there and only answers cross; sender observes "
                    + "every packet at its sender and merges partials network-wide.")
    org.intstream.query.partition.PlanSplitter.Sides sides;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Keep query definitions in DIR/"
            + FileQueryStore.FILE_NAME + " so they survive a restart (default: kept in memory only).")
    Path stateDir;

    @Option(names = "--results-jsonl", paramLabel = "FILE", description = "Also append every merged window to FILE "
            + "as a JSON line ('-': standard output).")
    String resultsJsonl;

    @Option(names = "--placement", paramLabel = "everywhere|switch-first", defaultValue = "everywhere",
            description = "With switches: everywhere (default) runs every query at the agents and also, when it "
                    + "allows estimates, on the switches it fits, whose edge ports see other hosts' traffic; "
                    + "switch-first runs a query that allows estimates and fits the switches there alone and the "
                    + "others at the agents. An exact query goes to a switch only when submitted with "
                    + "--allow-estimates.")
    String placement;

    @Mixin
    SwitchOptions switchOptions = new SwitchOptions();

    @Override
    public Integer call() throws Exception {
        List<SwitchSpec> switches = switchOptions.specs();
        ControllerSettings settings = ControllerSettings.defaults().withToken(token).withGraceMillis(graceMillis)
                .withForgetAfterMillis(forgetMillis).withSides(sides).withPlacement(placement());
        CountDownLatch stopped = new CountDownLatch(1);
        QueryStore store;
        try {
            store = stateDir == null ? new SimpleQueryStore() : FileQueryStore.open(stateDir);
        } catch (StoreException e) {
            throw new IllegalArgumentException("--state-dir " + stateDir + ": " + e.getMessage(), e);
        }
        JsonLinesPublisher jsonl = null;
        if (resultsJsonl != null) {
            try {
                jsonl = JsonLinesPublisher.open(resultsJsonl, ControllerCommand::log);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("--results-jsonl " + resultsJsonl + ": can't open it for appending ("
                        + e.getMessage() + ")", e);
            }
        }
        org.intstream.agent.stream.StreamTls.checkPair(tlsCert, tlsKey);
        io.grpc.ServerCredentials agentTls = tlsCert == null ? null
                : org.intstream.agent.stream.StreamTls.server(tlsCert, tlsKey);
        ControllerServer server = ControllerServer.start(settings, store, InetAddress.getByName(address), port,
                InetAddress.getByName(httpAddress), httpPort, 200, ControllerCommand::log, agentTls);
        if (jsonl != null) {
            server.core().addResultListener(jsonl);
            log("merged windows appended to " + (resultsJsonl.equals("-") ? "standard output" : resultsJsonl)
                    + " as JSON lines");
        }
        for (SwitchSpec spec : switches) {
            try {
                SwitchRuntime sw = server.addSwitch(spec, switchOptions.readDelayMillis);
                log("switch " + spec + " programmed; " + (sw.clockCalibration() == null ? ""
                        : "clock calibrated: " + sw.clockCalibration() + "; ") + "queries: " + sw.queries());
            } catch (RuntimeException e) {
                server.close();
                throw new IllegalArgumentException("--switch " + spec + ": " + e.getMessage(), e);
            }
        }
        if (switches.size() > 1) {
            log(switches.size() + " switches: thresholds are decided network-wide, each switch reporting keys over "
                    + "threshold/" + switches.size() + " and the controller adding their counters per epoch");
        }
        if (stateDir != null) {
            log("queries kept in " + stateDir.resolve(FileQueryStore.FILE_NAME) + "; "
                    + server.core().queries().list().size() + " restored");
        }
        log("queries observed " + (sides == org.intstream.query.partition.PlanSplitter.Sides.BY_KEY
                ? "on the side their key names (--observe by-key)" : "at the sender (--observe sender)"));
        log("agents on " + address + ":" + server.agentPort() + (tlsCert == null ? "" : " over TLS")
                + (token.isEmpty() ? " (no token)" : " (token required)")
                + ", REST and the dashboard on http://" + httpAddress + ":" + server.httpPort() + "/");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log("controller stopped");
            stopped.countDown();
        }, "controller-shutdown"));
        stopped.await();
        return 0;
    }

    private org.intstream.controller.runtime.Placement placement() {
        switch (placement) {
            case "everywhere":
                return org.intstream.controller.runtime.Placement.EVERYWHERE;
            case "switch-first":
                return org.intstream.controller.runtime.Placement.SWITCH_FIRST;
            default:
                throw new IllegalArgumentException("--placement is everywhere or switch-first, not '" + placement + "'");
        }
    }

    static synchronized void log(String line) {
        System.err.println(LocalTime.now().format(TIME) + " controller: " + line);
        System.err.flush();
    }
}
