package org.intstream.standalone.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.intstream.engine.exec.ResultSink;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.standalone.run.QueryLoader;
import org.intstream.standalone.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code intstream demo}: every shipped application over the shipped trace, results as tables. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the shipped applications over the shipped trace (queries/demo/demo.pcap: nmap scans, "
                + "SYN floods, slowloris, lossy iperf3, SSH password guessing, skewed load, keep-alives, all captured "
                + "in network namespaces) and print a table per application.",
                "By default the whole pipeline runs in this process: a soft switch running intstream.p4 programmed "
                        + "by the controller over P4Runtime, three agents streaming partial results over gRPC, the "
                        + "controller merging them; then where each application ran and the data that crossed into "
                        + "the global stage. --engine-only runs the applications in one engine instead."})
public final class DemoCommand implements Callable<Integer> {
    static final String TRACE = "/queries/demo/demo.pcap";

    @Option(names = "--trace", paramLabel = "FILE", description = "another trace instead of the shipped one")
    String trace;

    @Option(names = "--engine-only", description = "run the applications in one engine, without the pipeline")
    boolean engineOnly;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
            description = "run only these shipped applications (comma-separated)")
    List<String> only;

    @Option(names = "--verbose", description = "print the controller's and agents' log lines to standard error")
    boolean verbose;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (!engineOnly) {
            return new PipelineDemoOutput(output, verbose, only).run(trace == null ? null : java.nio.file.Path.of(trace));
        }
        QueryLoader loader = new QueryLoader();
        for (String name : QueryLoader.SHIPPED) {
            if (!"tcp_rtt".equals(name)) {
                loader.load(name);
            }
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        Runner runner = new Runner(loader, List.of(), new EngineOptions().configDefaults(), System.err);
        Set<String> shown = new HashSet<>(loader.requested());
        ResultSink sink = output.sink(out, shown, false, RunCommand.titles(loader.queries()));
        RunCommand.declareOutputs(runner.engine(), sink);
        runner.addSink(sink);
        TraceReader reader;
        String name;
        if (trace != null) {
            reader = TraceReaders.open(java.nio.file.Path.of(trace));
            name = trace;
        } else {
            InputStream in = DemoCommand.class.getResourceAsStream(TRACE);
            if (in == null) {
                throw new java.io.IOException("the shipped demo trace is missing from this build (" + TRACE + ")");
            }
            reader = TraceReaders.open("demo.pcap", in);
            name = "demo.pcap";
        }
        if (output.format == OutputOptions.Format.table) {
            out.println("IntStream demo: " + (shown.size()) + " applications over " + name + "\n");
            out.flush();
        }
        int code = runner.replay(List.of(reader), List.of(name), false);
        if (output.format == OutputOptions.Format.table) {
            out.printf("%,d packets, %,d bytes processed%n", runner.engine().packetCount(),
                    runner.engine().byteCount());
        }
        out.flush();
        return code;
    }
}
