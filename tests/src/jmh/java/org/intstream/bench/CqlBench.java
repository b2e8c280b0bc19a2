package org.intstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.intstream.engine.cql.CqlEngine;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.query.cql.CqlQueries;
import org.intstream.query.cql.CqlStatement;
import org.intstream.query.function.FunctionRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The six STREAM network-monitoring queries in CQL (tests/oracle/cql/*.cql, as written in the seed, the
 * misbehaving-host alias corrected), each over the demo capture's packets observed on two links: every
 * packet once as link B and once as link C (so the customer query's join finds partners). Scores are
 * input packets per second (each observation counted).
 *
 * <pre>
 *   mvn -B -Pbench -pl tests -am -DskipTests package
 *   java -jar tests/target/benchmarks.jar CqlBench -wi 2 -i 3 -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CqlBench {

    @Param({"top_k", "customer_monitoring", "protocol_analysis", "source_monitoring", "misbehaving_hosts",
        "flow_information"})
    public String query;

    private List<CqlStatement> statements;
    private final List<RawFrame> frames = new ArrayList<>();
    private FunctionRegistry functions;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = Path.of("tests/oracle/cql");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..").resolve(dir);
        }
        functions = FunctionRegistry.withProviders(CqlBench.class.getClassLoader());
        statements = CqlQueries.parse(Files.readString(dir.resolve(query + ".cql")), functions);
        Path trace = Path.of("queries/demo/demo.pcap");
        if (!Files.exists(trace)) {
            trace = Path.of("..").resolve(trace);
        }
        try (TraceReader reader = TraceReaders.open(trace)) {
            RawFrame f = new RawFrame();
            while (reader.next(f)) {
                frames.add(copy(f, 0));
                frames.add(copy(f, 1));
            }
        }
    }

    private static RawFrame copy(RawFrame f, int point) {
        RawFrame c = new RawFrame();
        c.data = Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen);
        c.capLen = f.capLen;
        c.wireLen = f.wireLen;
        c.tsMicros = f.tsMicros;
        c.linkType = f.linkType;
        c.point = point;
        return c;
    }

    /** Operations per invocation: the demo capture's 19,405 frames, each seen on two links. */
    @Benchmark
    @OperationsPerInvocation(2 * 19_405)
    public void run(Blackhole bh) {
        PointTable points = new PointTable();
        points.intern("B");
        points.intern("C");
        CqlEngine engine = new CqlEngine(functions, points,
                (statement, schema, instant, stream, finalState, rows) -> bh.consume(rows.size()));
        engine.register(statements);
        for (RawFrame f : frames) {
            engine.onFrame(f);
        }
        engine.finish();
    }
}
