package org.intstream.standalone.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.intstream.controller.merge.MergedWindow;
import org.intstream.engine.exec.OutputInfo;
import org.intstream.engine.exec.ResultSink;
import org.intstream.engine.exec.WindowBatch;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.standalone.demo.PipelineDemo;
import org.intstream.standalone.output.TableSink;
import org.intstream.standalone.run.QueryLoader;

/** {@code intstream demo} through the whole pipeline: the merged windows per application, then the placement. */
final class PipelineDemoOutput {
    private final OutputOptions output;
    private final boolean verbose;
    private final List<String> only;

    /** @param only the applications to run, or null for every shipped one */
    PipelineDemoOutput(OutputOptions output, boolean verbose, List<String> only) {
        this.output = output;
        this.verbose = verbose;
        this.only = only;
        if (only != null) {
            for (String q : only) {
                if (!QueryLoader.SHIPPED.contains(q)) {
                    throw new IllegalArgumentException("--only: '" + q + "' is not a shipped application; they are "
                            + String.join(", ", QueryLoader.SHIPPED));
                }
            }
        }
    }

    int run(Path trace) throws IOException, InterruptedException {
        String name = trace == null ? "demo.pcap" : trace.toString();
        List<RawFrame> frames = read(trace);
        QueryLoader loader = new QueryLoader();
        // tcp_retransmission joins tcp_rtt's output, so tcp_rtt runs (and is submitted) first.
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> wanted = only == null ? QueryLoader.SHIPPED : only;
        if (wanted.contains("tcp_retransmission") || wanted.contains("tcp_rtt")) {
            texts.put("tcp_rtt", QueryLoader.shippedText("tcp_rtt"));
        }
        for (String q : wanted) {
            texts.putIfAbsent(q, QueryLoader.shippedText(q));
        }
        for (String q : texts.keySet()) {
            loader.load(q);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
        boolean table = output.format == OutputOptions.Format.table;
        if (table) {
            out.println("IntStream demo: " + texts.size() + " queries over " + name + " through the pipeline "
                    + "(soft switch s1 running intstream.p4, " + PipelineDemo.HOSTS + " agents, the controller; queries that "
                    + "estimate by themselves run on the switch where they fit: heavy_hitter with sketch_width=1024, the "
                    + "widest row a switch slot holds)\n");
            out.flush();
        }
        Consumer<String> log = verbose ? line -> System.err.println(line) : line -> { };
        PipelineDemo.Outcome outcome = PipelineDemo.run(frames, texts, log);

        Set<String> shown = new HashSet<>(texts.keySet());
        ResultSink sink = output.sink(out, shown, false, RunCommand.titles(loader.queries()));
        for (PipelineDemo.QueryOutcome q : outcome.queries) {
            for (Map.Entry<String, List<MergedWindow>> output : q.outputs.entrySet()) {
                List<MergedWindow> windows = output.getValue();
                if (windows.isEmpty()) {
                    continue;
                }
                OutputInfo info = new OutputInfo(q.name, output.getKey(), windows.get(0).schema(), true);
                if (sink instanceof TableSink) {
                    ((TableSink) sink).declare(info);
                }
                for (MergedWindow w : windows) {
                    if (w.end() <= outcome.firstMicros && w.rows().isEmpty()) {
                        continue; // the switch's epoch of installation, before the trace
                    }
                    List<String> notes = new ArrayList<>(w.notes());
                    if (w.partial()) {
                        notes.add("window at " + w.start() + " is partial: " + w.coverage() + " points reported");
                    }
                    sink.onBatch(info, new WindowBatch(w.start(), w.end(), w.rows(), w.approximate(), notes));
                }
            }
        }
        sink.onFinish();
        if (table) {
            printPlacement(out, outcome);
        }
        out.flush();
        return 0;
    }

    private static void printPlacement(PrintStream out, PipelineDemo.Outcome o) {
        out.println("== where each application ran, and what crossed into the global stage");
        out.printf("%-21s %-20s %8s %8s %15s %10s%n", "application", "placement", "windows", "partial",
                "bytes crossing", "reduction");
        long agentBytes = 0;
        long central = o.centralBytes();
        for (PipelineDemo.QueryOutcome q : o.queries) {
            long windows = q.outputs.values().stream().mapToLong(List::size).sum();
            long partial = q.outputs.values().stream().flatMap(List::stream).filter(MergedWindow::partial).count();
            if (q.refusal != null) {
                out.printf("%-21s %-20s %s%n", q.name, q.placement, q.refusal);
                continue;
            }
            out.printf("%-21s %-20s %8d %8d %,15d %9.2f%%%n", q.name, q.placement, windows, partial,
                    q.bytesCrossing, reduction(q.bytesCrossing, central));
            agentBytes += q.bytesCrossing;
        }
        long perEpoch = (long) IntStreamP4.SLOT_COUNTER_CELLS * PipelineDemo.COUNTER_CELL_BYTES;
        out.printf("%nswitch s1: %,d reports (%,d bytes, shared by its queries), %,d epochs read. Each read takes "
                + "a slot's whole counter (%,d cells of %d bytes: %,d bytes), whatever the traffic: a slot sends less "
                + "than a central collector above %,d packets per epoch.%n", o.switchReports, o.switchReportBytes,
                o.epochsRead, IntStreamP4.SLOT_COUNTER_CELLS, PipelineDemo.COUNTER_CELL_BYTES, perEpoch,
                perEpoch / PipelineDemo.CENTRAL_TUPLE_BYTES);
        out.printf("%,d packets; a central collector would need %,d bytes (%d per packet: 5-tuple and length); "
                + "the pipeline sent %,d bytes.%n", o.packets, central, PipelineDemo.CENTRAL_TUPLE_BYTES,
                agentBytes + o.switchReportBytes);
    }

    private static double reduction(long bytes, long central) {
        return central == 0 ? 0 : 100.0 * (1 - (double) bytes / central);
    }

    private static List<RawFrame> read(Path trace) throws IOException {
        TraceReader reader;
        if (trace != null) {
            reader = TraceReaders.open(trace);
        } else {
            InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.TRACE);
            if (in == null) {
                throw new IOException("the shipped demo trace is missing from this build (" + DemoCommand.TRACE + ")");
            }
            reader = TraceReaders.open("demo.pcap", in);
        }
        List<RawFrame> frames = new ArrayList<>();
        try (TraceReader r = reader) {
            RawFrame f = new RawFrame();
            while (r.next(f)) {
                RawFrame copy = new RawFrame();
                copy.data = Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen);
                copy.offset = 0;
                copy.capLen = f.capLen;
                copy.wireLen = f.wireLen;
                copy.tsMicros = f.tsMicros;
                copy.linkType = f.linkType;
                copy.index = f.index;
                frames.add(copy);
            }
        }
        return frames;
    }
}
