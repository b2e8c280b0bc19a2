package org.intstream.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.intstream.engine.source.RawFrame;
import org.intstream.engine.source.TraceReader;
import org.intstream.engine.source.TraceReaders;
import org.intstream.p4runtime.ActionSpec;
import org.intstream.p4runtime.ElectionId;
import org.intstream.p4runtime.MulticastGroupSpec;
import org.intstream.p4runtime.P4RuntimeClient;
import org.intstream.p4runtime.PipelineConfig;
import org.intstream.p4runtime.Replica;
import org.intstream.p4runtime.TableEntrySpec;
import org.intstream.query.partition.SwitchStageExtractor;
import org.intstream.query.switchgen.EpochClock;
import org.intstream.query.switchgen.IntStreamP4;
import org.intstream.softswitch.Softswitch;
import org.intstream.standalone.dataplane.SwitchProgrammer;
import org.intstream.standalone.run.QueryLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Packets per second of the soft switch's data plane running intstream.p4 as the controller configures it:
 * port scan, SYN flood and heavy hitter in three slots (installed over P4Runtime through the driver), every
 * unicast frame flooded to two ports, reports cloned to the CPU port. The frames (four captures, in memory) enter a
 * data port directly, without gRPC. One thread.
 *
 * <pre>
 *   mvn -B -Pbench -pl tests -am -DskipTests package
 *   java -jar tests/target/benchmarks.jar SoftswitchBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SoftswitchBench {
    private static final Path BUILD = Path.of("p4src", "build");
    private static final Path TRACES = Path.of("tests", "src", "test", "resources", "traces");
    private static final int FRAMES = 14_000;

    private Softswitch soft;
    private P4RuntimeClient client;
    private final List<byte[]> frames = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private long shift;

    @Setup
    public void start() throws IOException {
        Softswitch.Options o = new Softswitch.Options();
        o.grpcPort = 0;
        soft = Softswitch.start(o);
        client = P4RuntimeClient.builder("127.0.0.1:" + soft.grpcPort(), 1, ElectionId.of(1)).build();
        client.connect();
        client.setPipelineConfig(PipelineConfig.fromFiles(BUILD.resolve("intstream.p4info.txt"),
                BUILD.resolve("intstream.json")));
        for (String trace : List.of("nmap-syn-fast.pcap", "hping-flood-norst.pcap", "skewed-load.pcap", "web-loops.pcap")) {
            try (TraceReader r = TraceReaders.open(TRACES.resolve(trace))) {
                RawFrame f = new RawFrame();
                while (r.next(f) && frames.size() < FRAMES) {
                    frames.add(Arrays.copyOfRange(f.data, f.offset, f.offset + f.capLen));
                    times.add(f.tsMicros);
                }
            }
        }
        SwitchProgrammer programmer = new SwitchProgrammer(client, "bench");
        programmer.prepare(EpochClock.offsetForUnixTimestamps(times.get(0)), Set.of(1));
        programmer.install(SwitchStageExtractor.extract(QueryLoader.shipped("port_scan"), Map.of("threshold", "20")));
        programmer.install(SwitchStageExtractor.extract(QueryLoader.shipped("syn_flood"), Map.of("threshold", "50")));
        programmer.install(SwitchStageExtractor.extract(QueryLoader.shipped("heavy_hitter"),
                Map.of("threshold", "100000", "sketch_width", "1024")));
        client.insert(new MulticastGroupSpec(1, List.of(Replica.toPort(2), Replica.toPort(3))));
        client.insert(TableEntrySpec.builder(IntStreamP4.L2_TERNARY_TABLE).ternary("dst_addr", 0, 0x010000000000L).priority(1)
                .action(ActionSpec.of(IntStreamP4.SET_MULTICAST_GROUP).param("gid", 1)).build());
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void frames(Blackhole bh) {
        // Each pass is later in time than the last, so windows keep moving as on a live link.
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            bh.consume(soft.device().receive(1, f, 0, f.length, times.get(i) + shift));
        }
        shift += 600_000_000L;
    }

    @TearDown
    public void stop() throws IOException {
        client.close();
        soft.close();
    }
}
