package org.intstream.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.intstream.engine.exec.Engine;
import org.intstream.engine.exec.EngineConfig;
import org.intstream.engine.packet.PointTable;
import org.intstream.engine.source.PcapReader;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.query.QueryDefinition;
import org.intstream.query.dsl.DslParser;
import org.intstream.query.function.FunctionRegistry;
import org.intstream.standalone.run.QueryLoader;
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
 * Whole-engine throughput on one thread: read, decode, analyse and run queries over a trace held in memory.
 * The trace is the demo capture (queries/demo/demo.pcap: scans, floods, slowloris, bulk TCP, SSH guessing,
 * keep-alives) repeated to {@link #PACKETS} packets, each copy shifted in its IPv4 addresses so that every
 * copy's hosts and connections are new. Scores are packets per second.
 *
 * <p>{@code rate} sets the trace's own clock: {@code capture} keeps the capture's timing (about 150 packets
 * per second, so windows close every few thousand packets and per-window work weighs heavily);
 * {@code 1500000} spaces the packets as a 10 GbE link at average packet size does, 1.5 million per second,
 * so the 1M packets fall into one window of each query, with all copies' keys in it.
 *
 * <pre>
 *   mvn -B -Pbench -pl tests -am -DskipTests package
 *   java -jar tests/target/benchmarks.jar EngineBench -wi 3 -i 5 -f 1
 *   java -jar tests/target/benchmarks.jar EngineBench -p query=all
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EngineBench {
    static final int PACKETS = 1_000_000;

    /** Synthetic pipelines named in the targets, beside the shipped applications. */
    static final Map<String, String> PIPELINES = Map.of(
            "filter_reduce", "query filter_reduce packets | filter ip.proto == 6 | window tumbling 10s"
                    + " | reduce count() as n, sum(len) as b by ip.src as src",
            "distinct_reduce", "query distinct_reduce packets | window tumbling 10s | map ip.src, ip.dst | distinct"
                    + " | reduce count() as n by ip.src as src",
            "decode_only", "query decode_only packets | filter len < 0 | map len");

    @Param({"decode_only", "filter_reduce", "distinct_reduce", "tcp_new_conn", "sketch_gen", "port_scan",
        "super_spreader", "tcp_retransmission", "syn_flood", "slowloris", "heavy_hitter", "tcp_incomplete_flows",
        "split_processing", "cryptomining", "ssh_brute", "ddos", "all"})
    public String query;

    @Param({"queries/demo/demo.pcap"})
    public String capture;

    @Param({"1500000", "capture"})
    public String rate;

    private byte[] trace;
    private List<QueryDefinition> queries;
    private final RawFrame frame = new RawFrame();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path source = Path.of(capture);
        if (!Files.exists(source)) {
            source = Path.of("..").resolve(capture);
        }
        trace = repeated(source, PACKETS, "capture".equals(rate) ? 0 : Long.parseLong(rate));
        QueryLoader loader = new QueryLoader();
        if ("all".equals(query)) {
            for (String q : QueryLoader.SHIPPED) {
                loader.load(q);
            }
            queries = loader.queries();
        } else if (PIPELINES.containsKey(query)) {
            queries = DslParser.parse(PIPELINES.get(query));
        } else {
            loader.load(query);
            queries = loader.queries();
        }
    }

    /**
     * The capture's packets repeated to {@code n}, copy k's 10.x addresses shifted by k; timed as captured
     * (copy k shifted by k spans) or, with {@code packetsPerSecond > 0}, evenly at that rate.
     */
    static byte[] repeated(Path source, int n, long packetsPerSecond) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Integer> wire = new ArrayList<>();
        int linkType = -1;
        try (TraceReader reader = TraceReaders.open(source)) {
            RawFrame f = new RawFrame();
            while (reader.next(f)) {
                packets.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen));
                times.add(f.tsMicros);
                wire.add(f.wireLen);
                linkType = f.linkType;
            }
        }
        long first = times.get(0);
        long span = times.get(times.size() - 1) - first + 1_000_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 120);
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(PcapReader.MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262144).putInt(linkType);
        out.write(header.array(), 0, 24);
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            int k = i / packets.size();
            int j = i % packets.size();
            byte[] data = packets.get(j).clone();
            shiftAddresses(data, linkType, k);
            long ts = packetsPerSecond > 0 ? first + i * 1_000_000L / packetsPerSecond
                    : times.get(j) + (long) k * span;
            record.clear();
            record.putInt((int) (ts / 1_000_000)).putInt((int) (ts % 1_000_000)).putInt(data.length)
                    .putInt(wire.get(j));
            out.write(record.array(), 0, 16);
            out.write(data, 0, data.length);
        }
        return out.toByteArray();
    }

    /** Copy k of an Ethernet/IPv4 frame gets 10.(77+k).x.y addresses: new hosts and connections. */
    private static void shiftAddresses(byte[] d, int linkType, int k) {
        if (linkType != 1 || d.length < 34 || d[12] != 0x08 || d[13] != 0x00) {
            return;
        }
        d[27] = (byte) (d[27] + k); // second octet of the source
        d[31] = (byte) (d[31] + k); // second octet of the destination
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void run(Blackhole bh) throws IOException {
        Engine engine = new Engine(FunctionRegistry.builtins(), EngineConfig.defaults(), new PointTable());
        for (QueryDefinition q : queries) {
            engine.register(q, Map.of());
        }
        engine.addSink((info, batch) -> bh.consume(batch.rows.size()));
        try (PcapReader reader = PcapReader.fromBytes("bench", trace)) {
            while (reader.next(frame)) {
                engine.onFrame(frame);
            }
        }
        engine.finish();
    }
}
