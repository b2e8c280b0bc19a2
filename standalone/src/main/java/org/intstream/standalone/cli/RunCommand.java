package org.intstream.standalone.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.intstream.agent.capture.CaptureOptions;
import org.intstream.agent.capture.LiveCaptureSource;
import org.intstream.agent.probe.AgentProbers;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.OutputInfo;
import org.intstream.engine.exec.ResultSink;
import org.intstream.engine.probe.ProbeScheduler;
import org.intstream.engine.source.TraceReader;
import org.intstream.query.QueryDefinition;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.query.type.Durations;
import org.intstream.standalone.output.TableSink;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.standalone.run.Runner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code intstream run}: queries over traces or a live interface, results on standard output. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run queries over packet traces (pcap or pcapng, optionally gzipped) or a live interface.",
            "",
            "Examples:",
            "  intstream run --trace capture.pcap --query port_scan --param threshold=50",
            "  intstream run --trace capture.pcap --query my_queries.isq --format jsonl",
            "  intstream run --trace capture.pcap --query 'query big packets | filter len > 1400 | map ts, ip.src, len'",
            "  intstream run --iface eth0 --filter 'tcp' --query syn_flood --duration 60s",
            "  intstream run --query paths.isq --duration 30s   (probe queries: they probe from this host)",
            "  intstream run --trace B=link-b.pcap --trace C=link-c.pcap --cql customer.cql --format jsonl"})
public final class RunCommand implements Callable<Integer> {

    /** None for queries that read only probes: they run from this host, without packets. */
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Input input;

    /** Traces or an interface. */
    static final class Input {
        @Option(names = "--trace", paramLabel = "[NAME=]FILE",
                description = "a capture to replay (repeatable; several are merged in time order; NAME is the "
                        + "observation point, default the file name)")
        List<String> traces;

        @Option(names = "--iface", paramLabel = "IF", description = "capture live on this interface (needs root or "
                + "CAP_NET_RAW)")
        String iface;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Queries what;

    /** DSL queries or CQL. */
    static final class Queries {
        @Option(names = "--query", paramLabel = "NAME|FILE|TEXT",
                description = "a shipped query (intstream queries lists them), a file of queries, or query text; "
                        + "repeatable")
        List<String> queries;

        @Option(names = "--cql", paramLabel = "FILE|TEXT",
                description = "CQL statements (docs/cql.md): a file or the text; Packets is every IP packet, colID the "
                        + "NAME of --trace NAME=FILE")
        String cql;
    }

    @Option(names = "--param", paramLabel = "[QUERY.]KEY=VALUE",
            description = "override a query parameter, e.g. threshold=50 or port_scan.window=5s; repeatable")
    List<String> params = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "BPF", description = "with --iface: a capture filter (tcpdump syntax)")
    String filter;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "with --iface, or for probe queries: stop after this long")
    String duration;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "report progress on standard error while replaying (default: on)")
    boolean progress;

    @Mixin
    OutputOptions output;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (what.cql != null) {
            if (input == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --trace FILE or --iface IF");
            }
            return new CqlRun(what.cql, params, output, progress,
                    engineOptions.latenessMicros(org.intstream.engine.cql.CqlEngine.DEFAULT_LATENESS_MICROS))
                    .run(input.traces, input.iface);
        }
        QueryLoader loader = new QueryLoader();
        for (String q : what.queries) {
            loader.load(q);
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        PrintStream err = System.err;
        Runner runner = new Runner(loader, params, engineOptions.config(), err);
        Map<String, String> titles = titles(loader.queries());
        if (input == null && runner.engine().probes().isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --trace FILE or --iface IF: "
                    + "only probe queries run without packets");
        }
        if (input != null && !runner.engine().probes().isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "probe queries run live from this "
                    + "host, on their own: run them without --trace and --iface");
        }
        boolean live = input == null || input.iface != null;
        ResultSink sink = output.sink(out, new HashSet<>(loader.requested()), live, titles);
        declareOutputs(runner.engine(), sink);
        runner.addSink(sink);
        int code;
        if (input == null) {
            code = runProbes(runner, err);
        } else if (live) {
            code = runLive(runner, err);
        } else {
            List<TraceReader> readers = Runner.openTraces(input.traces);
            code = runner.replay(readers, Runner.pointNames(input.traces), progress);
        }
        out.flush();
        return code;
    }

    static void declareOutputs(Engine engine, ResultSink sink) {
        if (sink instanceof TableSink) {
            for (OutputInfo info : engine.outputInfos()) {
                ((TableSink) sink).declare(info);
            }
        }
    }

    static Map<String, String> titles(List<QueryDefinition> queries) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (QueryDefinition q : queries) {
            String d = q.description();
            int nl = d.indexOf('\n');
            String first = d.isEmpty() ? "" : nl < 0 ? d : d.substring(0, nl);
            titles.put(q.name(), first.replaceAll("[:.]$", ""));
        }
        return titles;
    }

    /**
     * Runs the queries' probes from this host until --duration has passed or Ctrl-C, then waits for the probes
     * still out and closes the last windows.
     */
    private int runProbes(Runner runner, PrintStream err) throws Exception {
        Engine engine = runner.engine();
        Long micros = duration == null ? null : Durations.parse(duration);
        if (duration != null && micros == null) {
            throw new IllegalArgumentException("--duration wants a duration such as 30s, not '" + duration + "'");
        }
        String origin;
        try {
            origin = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            origin = "localhost";
        }
        ProbeScheduler probes = new ProbeScheduler(engine.probes(),
                AgentProbers.create(origin, org.intstream.agent.AgentConfig.DEFAULT_PROBE_PORT),
                FunctionRegistry.builtins(), ProbeScheduler::wallClockMicros);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "intstream-probes-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("probing from " + origin + ": " + String.join("; ", engine.probes().keySet())
                + (duration == null ? "; Ctrl-C stops" : " for " + duration));
        long end = micros == null ? Long.MAX_VALUE : System.currentTimeMillis() + micros / 1000;
        try {
            while (!stop.get() && System.currentTimeMillis() < end) {
                probes.drainInto(engine);
                Thread.sleep(100);
            }
            // The probes still out get their time to answer (at most their timeout) before the last windows close.
            long longest = 0;
            for (List<org.intstream.engine.probe.ProbeTask> tasks : probes.tasks().values()) {
                for (org.intstream.engine.probe.ProbeTask t : tasks) {
                    longest = Math.max(longest, t.timeoutMicros());
                }
            }
            probes.stop(longest / 1000 + 3_000);
            probes.drainInto(engine);
            engine.finish();
        } finally {
            probes.close();
            done.countDown();
            if (!stop.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return Runner.OK;
    }

    private int runLive(Runner runner, PrintStream err) throws Exception {
        CaptureOptions opts = CaptureOptions.DEFAULTS;
        if (filter != null) {
            opts = opts.withFilter(filter);
        }
        Engine engine = runner.engine();
        Object lock = new Object();
        try (LiveCaptureSource source = new LiveCaptureSource(input.iface, opts, engine.points(), input.iface)) {
            Thread clock = new Thread(() -> {
                // Close windows on time even when no packet arrives.
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                    synchronized (lock) {
                        engine.advanceTime(System.currentTimeMillis() * 1000);
                    }
                }
            }, "intstream-clock");
            clock.setDaemon(true);
            clock.start();
            Runtime.getRuntime().addShutdownHook(new Thread(source::stop));
            if (duration != null) {
                Long micros = Durations.parse(duration);
                if (micros == null) {
                    throw new IllegalArgumentException("--duration wants a duration such as 30s, not '" + duration + "'");
                }
                Thread timer = new Thread(() -> {
                    try {
                        Thread.sleep(micros / 1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    source.stop();
                }, "intstream-duration");
                timer.setDaemon(true);
                timer.start();
            }
            err.println("capturing on " + input.iface + (filter == null ? "" : " (" + filter + ")")
                    + "; Ctrl-C stops");
            source.run(frame -> {
                synchronized (lock) {
                    engine.onFrame(frame);
                }
            });
            clock.interrupt();
            synchronized (lock) {
                engine.finish();
            }
            err.printf("%,d packets; libpcap dropped %,d (and the interface %,d)%n", engine.packetCount(),
                    source.stats().droppedByCapture(), source.stats().droppedByInterface());
        }
        return Runner.OK;
    }
}
